import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Channel } from '../../../contracts/study.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { checkDefinition } from './questionnaire/rules.ts';
import { findStudyBySlug, insertStudy, insertVersion, insertWave } from './study.repository.ts';

/** Short public codes for links and QR codes: lower-case letters and digits without look-alikes. */
export function waveCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

export interface NewStudy {
  slug: string;
  title: string;
  description: string;
  organisationId: string;
  definition: object;
  isDemo?: boolean;
  wave: {
    /** A fixed public code (e.g. for a printed poster); random when omitted. */
    code?: string;
    name: string;
    opensOn: string;
    closesOn: string;
    status: 'draft' | 'open' | 'closed';
    channels: Channel[];
    consentDe: string;
    consentEn: string;
    districts: string[];
  };
}

/**
 * Studies, questionnaire versions and waves. Staff management of these arrives with the study
 * administration; today the demo seed and tests create them through `createStudy`.
 */
export function createStudyService(ctx: AppContext) {
  return {
    async existsBySlug(slug: string): Promise<boolean> {
      return (await findStudyBySlug(ctx.db, slug)) !== undefined;
    },

    async createStudy(input: NewStudy): Promise<{ studyId: string; versionId: string; waveId: string; code: string }> {
      const problems = checkDefinition(input.definition);
      if (problems.length > 0)
        throw new AppError('study.definition_invalid', { fields: problems.map((p) => ({ path: p.path, message: p.message })) });
      const now = ctx.clock().toISOString();
      const studyId = randomUUID();
      const versionId = randomUUID();
      const waveId = randomUUID();
      const code = input.wave.code ?? waveCode();
      const definition = JSON.stringify(input.definition);
      await ctx.db.transaction().execute(async (trx) => {
        if (await findStudyBySlug(trx, input.slug)) throw new AppError('study.slug_taken');
        await insertStudy(trx, {
          id: studyId,
          slug: input.slug,
          title: input.title,
          description: input.description,
          organisation_id: input.organisationId,
          is_demo: input.isDemo ? 1 : 0,
          created_at: now,
          updated_at: now,
        });
        await insertVersion(trx, {
          id: versionId,
          study_id: studyId,
          version: 1,
          definition,
          definition_hash: createHash('sha256').update(definition).digest('hex'),
          created_at: now,
        });
        await insertWave(trx, {
          id: waveId,
          study_id: studyId,
          code,
          name: input.wave.name,
          status: input.wave.status,
          opens_on: input.wave.opensOn,
          closes_on: input.wave.closesOn,
          channels: JSON.stringify(input.wave.channels),
          consent_de: input.wave.consentDe,
          consent_en: input.wave.consentEn,
          districts: JSON.stringify(input.wave.districts),
          version_id: versionId,
          created_at: now,
          updated_at: now,
          version: 1,
          invitation_only: 0,
        });
      });
      return { studyId, versionId, waveId, code };
    },
  };
}
export type StudyService = ReturnType<typeof createStudyService>;
