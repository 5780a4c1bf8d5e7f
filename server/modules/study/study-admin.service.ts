import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Channel } from '../../../contracts/study.ts';
import type {
  CheckDefinitionResult,
  CreateStudyBody,
  CreateWaveBody,
  InterviewerWaves,
  InvitationList,
  OpenAnswers,
  StudyDetail,
  StudySummary,
  UpdateWaveBody,
  VersionDetail,
  VersionSummary,
  Wave,
  WaveInStudy,
  WaveOverview,
} from '../../../contracts/study-admin.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { QuestionnaireVersionTable, WaveTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/index.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import { OPEN_QUESTION_TYPES, outline } from './questionnaire/outline.ts';
import { checkDefinition } from './questionnaire/rules.ts';
import {
  bumpPageReach,
  channelCounts,
  countConflicts,
  findInvitation,
  findStudyRow,
  findWaveRow,
  insertInvitations,
  invitationCounts,
  listInvitationRows,
  listStudyRows,
  listVersionRows,
  listWaveRows,
  maxInvitationSeq,
  maxVersion,
  pageReachRows,
  responseCountsBy,
  responsesMentioning,
} from './study-admin.repository.ts';
import { findStudyBySlug, findVersion, findWaveByCode, insertStudy, insertVersion, insertWave } from './study.repository.ts';
import { waveCode } from './study.service.ts';

type WaveRow = WaveTable;
type VersionRow = QuestionnaireVersionTable;

/** Lower-case letters and digits without look-alikes (no 0/o, 1/l/i): easy to type from paper. */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
function invitationCode(): string {
  // 10 characters of 31: about 8·10^14 codes, far beyond guessing through the API.
  return [...randomBytes(10)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

function hashDefinition(definition: string): string {
  return createHash('sha256').update(definition).digest('hex');
}

function assertUsable(definition: object): void {
  const problems = checkDefinition(definition);
  if (problems.length > 0)
    throw new AppError('study.definition_invalid', { fields: problems.map((p) => ({ path: p.path, message: p.message })) });
}

export function presentWave(w: WaveRow, responseCount: number): Wave {
  return {
    id: w.id,
    studyId: w.study_id,
    code: w.code,
    name: w.name,
    status: w.status as Wave['status'],
    opensOn: w.opens_on,
    closesOn: w.closes_on,
    channels: JSON.parse(w.channels) as Channel[],
    consentDe: w.consent_de,
    consentEn: w.consent_en,
    districts: JSON.parse(w.districts) as Wave['districts'],
    versionId: w.version_id,
    invitationOnly: w.invitation_only === 1,
    resultsPublished: w.results_published === 1,
    responseCount,
    version: w.version,
  };
}

/**
 * Studies, questionnaire versions and waves as staff manage them. A version is frozen once it
 * has answers or a published wave uses it: a change then becomes a new version, so every
 * stored answer keeps the exact questionnaire it was given to. Studies belong to the
 * consortium as a whole: staff of every partner manage them, analysts read.
 */
export function createStudyAdminService(ctx: AppContext, audit: AuditService, onWaveChanged: () => void = () => undefined) {
  const today = () => ctx.clock().toISOString().slice(0, 10);

  async function versionLocks(db: DbOrTrx, studyId: string): Promise<Set<string>> {
    const waves = await listWaveRows(db, studyId);
    return new Set(waves.filter((w) => w.status !== 'draft').map((w) => w.version_id));
  }

  function presentVersion(v: VersionRow, responses: number, published: Set<string>): VersionSummary {
    return {
      id: v.id,
      version: v.version,
      createdAt: v.created_at,
      questionCount: outline(JSON.parse(v.definition)).questions.length,
      responseCount: responses,
      locked: responses > 0 || published.has(v.id),
    };
  }

  async function summaries(): Promise<StudySummary[]> {
    const [studies, waves, perWave] = await Promise.all([listStudyRows(ctx.db), listWaveRows(ctx.db), responseCountsBy(ctx.db, 'wave_id')]);
    return studies.map((s) => {
      const own = waves.filter((w) => w.study_id === s.id);
      return {
        id: s.id,
        slug: s.slug,
        title: s.title,
        description: s.description,
        organisationId: s.organisation_id,
        organisationName: s.organisation_name,
        isDemo: s.is_demo === 1,
        waveCount: own.length,
        responseCount: own.reduce((sum, w) => sum + (perWave.get(w.id) ?? 0), 0),
      };
    });
  }

  async function detail(id: string): Promise<StudyDetail> {
    const study = (await summaries()).find((s) => s.id === id);
    if (!study) throw new AppError('study.not_found');
    const [versions, waves, perVersion, perWave, locks] = await Promise.all([
      listVersionRows(ctx.db, id),
      listWaveRows(ctx.db, id),
      responseCountsBy(ctx.db, 'version_id'),
      responseCountsBy(ctx.db, 'wave_id'),
      versionLocks(ctx.db, id),
    ]);
    return {
      ...study,
      versions: versions.map((v) => presentVersion(v, perVersion.get(v.id) ?? 0, locks)),
      waves: waves.map((w) => presentWave(w, perWave.get(w.id) ?? 0)),
    };
  }

  async function waveOf(actor: Actor | null, id: string, check: (a: Actor | null) => boolean): Promise<WaveRow> {
    authorize(actor, check(actor));
    const wave = await findWaveRow(ctx.db, id);
    if (!wave) throw new AppError('wave.unknown');
    return wave;
  }

  async function presentWaveById(id: string): Promise<Wave> {
    const wave = await findWaveRow(ctx.db, id);
    if (!wave) throw new AppError('wave.unknown');
    const counts = await responseCountsBy(ctx.db, 'wave_id');
    return presentWave(wave, counts.get(id) ?? 0);
  }

  async function versionOfStudy(db: DbOrTrx, studyId: string, versionId: string): Promise<VersionRow> {
    const v = await findVersion(db, versionId);
    if (!v || v.study_id !== studyId) throw new AppError('study.version_unknown');
    return v;
  }

  function checkWaveFields(input: CreateWaveBody): void {
    if (input.closesOn < input.opensOn)
      throw new AppError('validation.failed', {
        fields: [{ path: 'closesOn', message: 'Das Ende darf nicht vor dem Beginn liegen.' }],
      });
  }

  /** Changes a wave under optimistic locking; `change` returns the columns to set. */
  async function changeWave(
    actor: Actor,
    id: string,
    expectedVersion: number,
    change: (w: WaveRow, trx: DbOrTrx) => Promise<Partial<WaveRow>> | Partial<WaveRow>,
    action: 'wave.updated' | 'wave.published' | 'wave.closed',
  ): Promise<Wave> {
    await ctx.db.transaction().execute(async (trx) => {
      const wave = await findWaveRow(trx, id);
      if (!wave) throw new AppError('wave.unknown');
      if (wave.version !== expectedVersion) throw new AppError('wave.version_conflict');
      const set = await change(wave, trx);
      const r = await trx
        .updateTable('wave')
        .set({ ...set, version: wave.version + 1, updated_at: ctx.clock().toISOString() })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('wave.version_conflict');
      await audit.record({ action, actorId: actor.userId, targetType: 'wave', targetId: id, details: { code: wave.code } }, trx);
    });
    onWaveChanged();
    return presentWaveById(id);
  }

  return {
    async listStudies(actor: Actor | null): Promise<StudySummary[]> {
      authorize(actor, can.readStudies(actor));
      return summaries();
    },

    async getStudy(actor: Actor | null, id: string): Promise<StudyDetail> {
      authorize(actor, can.readStudies(actor));
      return detail(id);
    },

    async getWave(actor: Actor | null, id: string): Promise<WaveInStudy> {
      const row = await waveOf(actor, id, can.readStudies);
      const study = await detail(row.study_id);
      const wave = study.waves.find((w) => w.id === id);
      if (!wave) throw new AppError('wave.unknown');
      return { study, wave };
    },

    /** Our rules plus survey-core's own JSON errors; changes nothing. */
    checkDefinition(actor: Actor | null, definition: object): CheckDefinitionResult {
      authorize(actor, can.manageStudies(actor));
      const problems = checkDefinition(definition);
      const o = outline(definition);
      return { ok: problems.length === 0, problems, summary: { pages: o.pages.length, questions: o.questions.length } };
    },

    async createStudy(actor: Actor | null, input: CreateStudyBody): Promise<StudyDetail> {
      authorize(actor, can.manageStudies(actor));
      assertUsable(input.definition);
      // Staff create for their own organisation; admins may name another partner.
      const organisationId = actor.role === 'admin' && input.organisationId ? input.organisationId : actor.organisationId;
      const org = await ctx.db.selectFrom('organisation').select('id').where('id', '=', organisationId).executeTakeFirst();
      if (!org) throw new AppError('organisation.not_found');
      const id = randomUUID();
      const now = ctx.clock().toISOString();
      const definition = JSON.stringify(input.definition);
      await ctx.db.transaction().execute(async (trx) => {
        if (await findStudyBySlug(trx, input.slug)) throw new AppError('study.slug_taken', { fields: [{ path: 'slug', message: '' }] });
        await insertStudy(trx, {
          id,
          slug: input.slug,
          title: input.title,
          description: input.description,
          organisation_id: organisationId,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        });
        await insertVersion(trx, {
          id: randomUUID(),
          study_id: id,
          version: 1,
          definition,
          definition_hash: hashDefinition(definition),
          created_at: now,
        });
        await audit.record(
          { action: 'study.created', actorId: actor.userId, targetType: 'study', targetId: id, details: { slug: input.slug } },
          trx,
        );
      });
      return detail(id);
    },

    async getVersion(actor: Actor | null, studyId: string, versionId: string): Promise<VersionDetail> {
      authorize(actor, can.readStudies(actor));
      const v = await versionOfStudy(ctx.db, studyId, versionId);
      const counts = await responseCountsBy(ctx.db, 'version_id');
      return {
        ...presentVersion(v, counts.get(v.id) ?? 0, await versionLocks(ctx.db, studyId)),
        definition: JSON.parse(v.definition) as Record<string, unknown>,
      };
    },

    async addVersion(actor: Actor | null, studyId: string, definition: object): Promise<VersionDetail> {
      authorize(actor, can.manageStudies(actor));
      assertUsable(definition);
      const id = randomUUID();
      const text = JSON.stringify(definition);
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await findStudyRow(trx, studyId))) throw new AppError('study.not_found');
        const version = (await maxVersion(trx, studyId)) + 1;
        await insertVersion(trx, {
          id,
          study_id: studyId,
          version,
          definition: text,
          definition_hash: hashDefinition(text),
          created_at: ctx.clock().toISOString(),
        });
        await audit.record(
          { action: 'study.version_created', actorId: actor.userId, targetType: 'study', targetId: studyId, details: { version } },
          trx,
        );
      });
      return this.getVersion(actor, studyId, id);
    },

    /** Replaces a version's definition while nobody has answered it and no published wave uses it. */
    async updateVersion(actor: Actor | null, studyId: string, versionId: string, definition: object): Promise<VersionDetail> {
      authorize(actor, can.manageStudies(actor));
      assertUsable(definition);
      const text = JSON.stringify(definition);
      await ctx.db.transaction().execute(async (trx) => {
        await versionOfStudy(trx, studyId, versionId);
        const answered = await trx.selectFrom('response').select('id').where('version_id', '=', versionId).limit(1).executeTakeFirst();
        if (answered || (await versionLocks(trx, studyId)).has(versionId)) throw new AppError('study.version_locked');
        await trx
          .updateTable('questionnaire_version')
          .set({ definition: text, definition_hash: hashDefinition(text) })
          .where('id', '=', versionId)
          .execute();
      });
      return this.getVersion(actor, studyId, versionId);
    },

    async createWave(actor: Actor | null, studyId: string, input: CreateWaveBody): Promise<Wave> {
      authorize(actor, can.manageStudies(actor));
      checkWaveFields(input);
      const id = randomUUID();
      const now = ctx.clock().toISOString();
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await findStudyRow(trx, studyId))) throw new AppError('study.not_found');
        await versionOfStudy(trx, studyId, input.versionId);
        let code = waveCode();
        while (await findWaveByCode(trx, code)) code = waveCode();
        await insertWave(trx, {
          id,
          study_id: studyId,
          code,
          name: input.name,
          status: 'draft',
          opens_on: input.opensOn,
          closes_on: input.closesOn,
          channels: JSON.stringify(input.channels),
          consent_de: input.consentDe,
          consent_en: input.consentEn,
          districts: JSON.stringify(input.districts),
          version_id: input.versionId,
          invitation_only: input.invitationOnly ? 1 : 0,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await audit.record({ action: 'wave.created', actorId: actor.userId, targetType: 'wave', targetId: id, details: { code } }, trx);
      });
      return presentWaveById(id);
    },

    async updateWave(actor: Actor | null, id: string, input: UpdateWaveBody): Promise<Wave> {
      authorize(actor, can.manageStudies(actor));
      checkWaveFields(input);
      return changeWave(
        actor,
        id,
        input.version,
        async (wave, trx) => {
          await versionOfStudy(trx, wave.study_id, input.versionId);
          return {
            name: input.name,
            opens_on: input.opensOn,
            closes_on: input.closesOn,
            channels: JSON.stringify(input.channels),
            consent_de: input.consentDe,
            consent_en: input.consentEn,
            districts: JSON.stringify(input.districts),
            version_id: input.versionId,
            invitation_only: input.invitationOnly ? 1 : 0,
          };
        },
        'wave.updated',
      );
    },

    async publishWave(actor: Actor | null, id: string, version: number): Promise<Wave> {
      authorize(actor, can.manageStudies(actor));
      return changeWave(
        actor,
        id,
        version,
        (wave) => {
          if (wave.status === 'open') throw new AppError('wave.already_open');
          if (wave.closes_on < today()) throw new AppError('wave.period_over');
          return { status: 'open' };
        },
        'wave.published',
      );
    },

    async closeWave(actor: Actor | null, id: string, version: number): Promise<Wave> {
      authorize(actor, can.manageStudies(actor));
      return changeWave(
        actor,
        id,
        version,
        (wave) => {
          if (wave.status !== 'open') throw new AppError('wave.not_open');
          return { status: 'closed' };
        },
        'wave.closed',
      );
    },

    async overview(actor: Actor | null, id: string): Promise<WaveOverview> {
      const wave = await waveOf(actor, id, can.readStudies);
      const day = today();
      const [channels, reach, conflicts, invitations, version] = await Promise.all([
        channelCounts(ctx.db, id, day),
        pageReachRows(ctx.db, id),
        countConflicts(ctx.db, id),
        invitationCounts(ctx.db, id),
        findVersion(ctx.db, wave.version_id),
      ]);
      const reached = new Map(reach.map((r) => [Number(r.page), Number(r.reached)]));
      const o = outline(JSON.parse(version!.definition));
      return {
        waveId: id,
        today: day,
        total: channels.reduce((s, c) => s + Number(c.complete), 0),
        channels: channels.map((c) => ({ channel: c.channel as Channel, complete: Number(c.complete), today: Number(c.today ?? 0) })),
        pages: o.pages.map((p) => ({ ...p, reached: reached.get(p.index) ?? 0 })),
        conflicts,
        invitations,
      };
    },

    async openAnswers(actor: Actor | null, id: string, query: { question?: string | undefined; offset: number; limit: number }) {
      const wave = await waveOf(actor, id, can.readStudies);
      // Open questions of every version the wave has answers for (a wave may switch versions).
      const versionIds = await ctx.db.selectFrom('response').select('version_id').distinct().where('wave_id', '=', id).execute();
      const questions = new Map<string, string>();
      for (const vid of new Set([wave.version_id, ...versionIds.map((v) => v.version_id)])) {
        const v = await findVersion(ctx.db, vid);
        if (!v) continue;
        for (const q of outline(JSON.parse(v.definition)).questions)
          if (OPEN_QUESTION_TYPES.has(q.type) && !questions.has(q.name)) questions.set(q.name, q.title);
      }
      const wanted = query.question ? [query.question].filter((q) => questions.has(q)) : [...questions.keys()];
      const items: OpenAnswers['items'] = [];
      if (wanted.length > 0) {
        for (const row of await responsesMentioning(ctx.db, id, wanted)) {
          const answers = JSON.parse(row.answers) as Record<string, unknown>;
          for (const name of wanted) {
            const text = answers[name];
            if (typeof text === 'string' && text.trim() !== '')
              items.push({ question: name, text, receivedOn: row.received_on, channel: row.channel as Channel });
          }
        }
      }
      return {
        questions: [...questions].map(([name, title]) => ({ name, title })),
        question: query.question && questions.has(query.question) ? query.question : null,
        total: items.length,
        items: items.slice(query.offset, query.offset + query.limit),
      } satisfies OpenAnswers;
    },

    async createInvitations(actor: Actor | null, id: string, count: number): Promise<InvitationList> {
      authorize(actor, can.manageStudies(actor));
      await ctx.db.transaction().execute(async (trx) => {
        const wave = await findWaveRow(trx, id);
        if (!wave) throw new AppError('wave.unknown');
        const start = await maxInvitationSeq(trx, id);
        const codes = new Set<string>();
        while (codes.size < count) codes.add(invitationCode());
        await insertInvitations(
          trx,
          [...codes].map((code, i) => ({ code, wave_id: id, used: 0, seq: start + i + 1 })),
        );
        await audit.record(
          { action: 'invitations.created', actorId: actor.userId, targetType: 'wave', targetId: id, details: { count } },
          trx,
        );
      });
      return this.listInvitations(actor, id);
    },

    async listInvitations(actor: Actor | null, id: string): Promise<InvitationList> {
      await waveOf(actor, id, can.manageStudies);
      const rows = await listInvitationRows(ctx.db, id);
      return {
        total: rows.length,
        used: rows.filter((r) => r.used === 1).length,
        items: rows.map((r) => ({ code: r.code, used: r.used === 1 })),
      };
    },

    async interviewerWaves(actor: Actor | null): Promise<InterviewerWaves> {
      authorize(actor, can.interview(actor));
      const rows = await ctx.db
        .selectFrom('wave')
        .innerJoin('study', 'study.id', 'wave.study_id')
        .select(['wave.code', 'wave.name', 'wave.opens_on', 'wave.closes_on', 'wave.channels', 'study.title'])
        .where('wave.status', '=', 'open')
        .orderBy('study.title')
        .orderBy('wave.name')
        .execute();
      return {
        items: rows
          .filter((w) => (JSON.parse(w.channels) as Channel[]).includes('interviewer'))
          .map((w) => ({ code: w.code, studyTitle: w.title, waveName: w.name, opensOn: w.opens_on, closesOn: w.closes_on })),
      };
    },

    /** For the import: the wave, if the caller may import into it and it accepts imports. */
    async waveForImport(actor: Actor | null, waveId: string) {
      const wave = await waveOf(actor, waveId, can.manageStudies);
      const channels = JSON.parse(wave.channels) as Channel[];
      if (!channels.includes('import')) throw new AppError('wave.channel_closed');
      return { id: wave.id, studyId: wave.study_id, versionId: wave.version_id, channels };
    },

    // --- what respondents' devices call, without an account ----------------------------------

    /** Tells a respondent before answering whether their invitation code is still good. */
    async checkInvitation(code: string, invite: string): Promise<{ valid: true }> {
      const wave = await findWaveByCode(ctx.db, code);
      if (!wave || wave.status === 'draft') throw new AppError('wave.not_found');
      const found = await findInvitation(ctx.db, wave.id, invite);
      if (!found) throw new AppError('invitation.unknown');
      if (found.used === 1) throw new AppError('invitation.used');
      return { valid: true };
    },

    /** Counts that someone reached a page of an open wave (drop-off); nothing about the person. */
    async recordProgress(code: string, channel: 'online' | 'kiosk', page: number): Promise<void> {
      const wave = await findWaveByCode(ctx.db, code);
      if (!wave || wave.status !== 'open') throw new AppError('wave.not_found');
      if (!(JSON.parse(wave.channels) as Channel[]).includes(channel)) throw new AppError('wave.channel_closed');
      const version = await findVersion(ctx.db, wave.version_id);
      if (page >= outline(JSON.parse(version!.definition)).pages.length)
        throw new AppError('validation.failed', { fields: [{ path: 'page', message: 'Diese Seite gibt es nicht.' }] });
      await bumpPageReach(ctx.db, wave.id, channel, page);
    },

    /** The public link a QR code and a poster point to. */
    async publicLink(code: string): Promise<string> {
      // Drafts too: posters are printed before a wave opens (the code is random and says nothing).
      const wave = await findWaveByCode(ctx.db, code);
      if (!wave) throw new AppError('wave.not_found');
      return `${ctx.config.publicUrl}/b/${wave.code}`;
    },
  };
}
export type StudyAdminService = ReturnType<typeof createStudyAdminService>;
