import { createHash, randomUUID } from 'node:crypto';
import type { Channel, ItemResult, PublicWave, SubmitBatch, SubmitResult } from '../../../contracts/study.ts';
import type { AppContext } from '../../context.ts';
import { GroupCommitter } from '../../db/group-commit.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../policies.ts';
import { compileChecker, type Checker } from './questionnaire/checker.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { sqliteResponseStore, type StoreItem, type StoreStatus } from './sqlite-store.ts';
import { findResponseHash, findVersion, findWaveByCode, insertConflict, insertResponseIfNew, useInvitation } from './study.repository.ts';

/** Canonical JSON (keys sorted at every level): the same answers always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The stored form of one checked response, the same for every channel: canonical answers and
 * their content hash (same version and answers → same hash, whatever the key order).
 */
export function responseRow(input: {
  id: string;
  waveId: string;
  versionId: string;
  channel: Channel;
  answers: Record<string, unknown>;
  collectedOn: string | null;
  receivedOn: string;
  paradata: Record<string, unknown>;
}): ResponseRow {
  const answers = canonicalJson(input.answers);
  return {
    id: input.id,
    wave_id: input.waveId,
    version_id: input.versionId,
    channel: input.channel,
    answers,
    content_hash: createHash('sha256').update(`${input.versionId}\n${answers}`).digest('hex'),
    collected_on: input.collectedOn,
    received_on: input.receivedOn,
    paradata: JSON.stringify(input.paradata),
  };
}

const WAVE_CACHE_MS = 2000;

const INVITATION_MISSING = 'Für diese Befragung brauchen Sie einen Einladungscode.';
const INVITATION_USED = 'Dieser Einladungscode ist ungültig oder wurde bereits verwendet.';

const CHANNELS_WITHOUT_ACCOUNT: readonly Channel[] = ['online', 'kiosk'];

/**
 * One submission path for every channel. Semantics of field-collection servers: the device's id
 * is the identity; the same id with the same content again is a duplicate (stored once); the same
 * id with other content is a conflict, kept for review and never overwriting; an invalid item is
 * stored nowhere. Items are committed in groups (one transaction for everything that arrived
 * together) and acknowledged only after their group committed.
 */
export type ResponseRow = Parameters<typeof insertResponseIfNew>[1];
export type { StoreStatus };

/**
 * Stores one checked response inside the caller's transaction. The same id with the same
 * content is a duplicate; with other content a conflict (kept aside, nothing overwritten).
 * A panel invitation is consumed in the same transaction as the answers are stored, and only
 * for a new response: a retried upload of the same answers does not need the code again.
 */
export async function storeResponse(trx: DbOrTrx, { row, invitation }: StoreItem): Promise<StoreStatus> {
  if (invitation === undefined && (await insertResponseIfNew(trx, row))) return 'stored';
  const existing = await findResponseHash(trx, row.id);
  if (!existing) {
    if (invitation !== undefined && !(await useInvitation(trx, row.wave_id, invitation))) return 'invitation_used';
    await insertResponseIfNew(trx, row);
    return 'stored';
  }
  if (existing.content_hash === row.content_hash && existing.wave_id === row.wave_id) return 'duplicate';
  await insertConflict(trx, { ...row, id: randomUUID(), response_id: row.id });
  return 'conflict';
}

export function createResponseService(ctx: AppContext) {
  const checkers = new Map<string, Promise<{ checker: Checker; studyId: string }>>();
  /** One transaction for a group of checked responses: prepared statements on SQLite, Kysely on PostgreSQL. */
  const storeGroup = ctx.sqlite
    ? sqliteResponseStore(ctx.db, ctx.sqlite)
    : (items: StoreItem[]) =>
        ctx.db.transaction().execute(async (trx) => {
          const out: StoreStatus[] = [];
          for (const item of items) out.push(await storeResponse(trx, item));
          return out;
        });
  const committer = new GroupCommitter<StoreItem, StoreStatus>(storeGroup);

  function checkerFor(versionId: string) {
    let entry = checkers.get(versionId);
    if (!entry) {
      entry = findVersion(ctx.db, versionId).then((v) => {
        if (!v) throw new AppError('study.version_unknown');
        return { checker: compileChecker(JSON.parse(v.definition) as object), studyId: v.study_id };
      });
      entry.catch(() => checkers.delete(versionId));
      checkers.set(versionId, entry);
    }
    return entry;
  }

  /**
   * Waves by code, kept for two seconds: every submission needs its wave, and reading it anew
   * each time cost more than checking the answers. Changes made through this process clear the
   * cache at once (`forgetWaves`); another instance sees a closed wave within two seconds.
   */
  const waves = new Map<string, { wave: NonNullable<Awaited<ReturnType<typeof findWaveByCode>>>; until: number }>();
  async function openWave(code: string) {
    const cached = waves.get(code);
    if (cached && cached.until > performance.now()) return cached.wave;
    const wave = await findWaveByCode(ctx.db, code);
    if (!wave || wave.status === 'draft') {
      waves.delete(code);
      throw new AppError('wave.not_found');
    }
    waves.set(code, { wave, until: performance.now() + WAVE_CACHE_MS });
    return wave;
  }

  return {
    /** Called after a wave changed (published, closed, edited). */
    forgetWaves(): void {
      waves.clear();
    },

    /** The compiled checker of a questionnaire version (cached per version). */
    checkerFor,

    /** Stores already-checked rows in one transaction of their own (imports: all or nothing). */
    async storeAll(rows: ResponseRow[]): Promise<StoreStatus[]> {
      return storeGroup(rows.map((row) => ({ row })));
    },

    /** What a respondent's device needs to show the questionnaire. */
    async publicWave(code: string): Promise<PublicWave> {
      const wave = await openWave(code);
      const version = await findVersion(ctx.db, wave.version_id);
      return {
        code: wave.code,
        studyTitle: wave.study_title,
        waveName: wave.name,
        // A wave past its end date answers as closed even before staff close it.
        status:
          wave.status === 'open' && ctx.clock().toISOString().slice(0, 10) > wave.closes_on
            ? 'closed'
            : (wave.status as PublicWave['status']),
        channels: JSON.parse(wave.channels) as Channel[],
        consent: { de: wave.consent_de, en: wave.consent_en },
        versionId: wave.version_id,
        invitationOnly: wave.invitation_only === 1,
        definition: JSON.parse(version!.definition) as Record<string, unknown>,
      };
    },

    async submit(actor: Actor | null, code: string, batch: SubmitBatch): Promise<SubmitResult> {
      const wave = await openWave(code);
      const channels = JSON.parse(wave.channels) as Channel[];
      if (!channels.includes(batch.channel)) throw new AppError('wave.channel_closed');
      if (!CHANNELS_WITHOUT_ACCOUNT.includes(batch.channel) && !(actor && (actor.role === 'staff' || actor.role === 'admin'))) {
        throw actor ? new AppError('auth.forbidden') : new AppError('auth.required');
      }
      const today = ctx.clock().toISOString().slice(0, 10);
      // Online answers need an open wave; interviews collected offline during the wave are
      // accepted after it closed (a tablet may sync days later).
      const offline = batch.channel === 'interviewer';
      if (!offline) {
        if (wave.status !== 'open' || today > wave.closes_on) throw new AppError('wave.closed');
        if (today < wave.opens_on) throw new AppError('wave.not_yet_open');
      }

      // Panel waves: online answers need a single-use invitation code (interviews and kiosks do not).
      const needsInvitation = wave.invitation_only === 1 && batch.channel === 'online';
      const results: ItemResult[] = [];
      const valid: { index: number; row: ResponseRow; invitation: string | undefined }[] = [];
      for (const [index, item] of batch.responses.entries()) {
        let prepared;
        try {
          prepared = await checkerFor(item.versionId);
        } catch {
          results[index] = { id: item.id, status: 'invalid', errors: { versionId: 'Diese Fragebogenversion gibt es nicht.' } };
          continue;
        }
        if (prepared.studyId !== wave.study_id) {
          results[index] = {
            id: item.id,
            status: 'invalid',
            errors: { versionId: 'Diese Fragebogenversion gehört nicht zu dieser Studie.' },
          };
          continue;
        }
        if (
          offline &&
          item.collectedOn &&
          (item.collectedOn < wave.opens_on || item.collectedOn > wave.closes_on) &&
          wave.status !== 'open'
        ) {
          results[index] = {
            id: item.id,
            status: 'invalid',
            errors: { collectedOn: 'Dieses Interview liegt außerhalb des Befragungszeitraums.' },
          };
          continue;
        }
        if (needsInvitation && !item.invitation) {
          results[index] = { id: item.id, status: 'invalid', errors: { invitation: INVITATION_MISSING } };
          continue;
        }
        const errors = prepared.checker.check(item.answers);
        if (Object.keys(errors).length > 0) {
          results[index] = { id: item.id, status: 'invalid', errors };
          continue;
        }
        valid.push({
          index,
          invitation: needsInvitation ? item.invitation : undefined,
          row: responseRow({
            id: item.id,
            waveId: wave.id,
            versionId: item.versionId,
            channel: batch.channel,
            answers: item.answers,
            collectedOn: item.collectedOn ?? null,
            receivedOn: today,
            // Paradata of the interview, never of the respondent: who interviewed where.
            paradata: offline ? { interviewer: actor?.userId ?? null, place: item.place ?? null } : {},
          }),
        });
      }

      // One transaction for this batch and whatever else arrived meanwhile (group commit).
      const statuses = await committer.addAll(valid.map((v) => ({ row: v.row, invitation: v.invitation })));
      valid.forEach((v, i) => {
        const status = statuses[i]!;
        results[v.index] =
          status === 'invitation_used'
            ? { id: v.row.id, status: 'invalid', errors: { invitation: INVITATION_USED } }
            : { id: v.row.id, status };
      });

      const counts = { stored: 0, duplicate: 0, conflict: 0, invalid: 0 };
      for (const r of results) counts[r.status] += 1;
      return { results, counts };
    },
  };
}
export type ResponseService = ReturnType<typeof createResponseService>;
