import { createHash } from 'node:crypto';
import type { LiveAnswer, LiveOption, LiveQuestionKind } from '../../../contracts/live.ts';
import { AppError, errorMessage } from '../../errors.ts';
import type { Actor } from '../../policies.ts';
import type { ResponseService, StudyAdminService } from '../study/index.ts';

/**
 * Live questions linked to a question of a study wave (channel `live`): the link is checked when
 * it is made, and at closing every vote becomes one response of the wave. Response ids derive
 * from question and device, so a second transfer stores nothing twice.
 */

const TYPES: Partial<Record<LiveQuestionKind, string[]>> = {
  single: ['radiogroup', 'dropdown'],
  multiple: ['checkbox'],
  scale: ['rating'],
};

type Choice = string | number | { value: string | number; text?: string | Record<string, string> };
interface Element {
  type?: string;
  name?: string;
  choices?: Choice[];
  elements?: Element[];
  rateMin?: number;
  rateMax?: number;
  rateValues?: unknown[];
}

function findElement(node: unknown, name: string): Element | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findElement(n, name);
      if (found) return found;
    }
    return null;
  }
  if (!node || typeof node !== 'object') return null;
  const el = node as Element & { pages?: unknown[] };
  if (el.name === name && typeof el.type === 'string' && el.type !== 'panel') return el;
  return findElement(el.pages ?? [], name) ?? findElement(el.elements ?? [], name);
}

/** The choice value of each option (matched by the choice's value or any of its texts). */
function choiceValues(el: Element, options: LiveOption[]): Map<string, string | number> | string {
  const out = new Map<string, string | number>();
  for (const o of options) {
    const label = o.label.trim().toLocaleLowerCase('de');
    const hit = (el.choices ?? []).find((c) => {
      if (typeof c !== 'object') return String(c).toLocaleLowerCase('de') === label;
      const texts = typeof c.text === 'string' ? [c.text] : Object.values(c.text ?? {});
      return [String(c.value), ...texts].some((t) => t.trim().toLocaleLowerCase('de') === label);
    });
    if (hit === undefined) return `Die Antwort „${o.label}“ gibt es bei der Studienfrage nicht.`;
    out.set(o.id, typeof hit === 'object' ? hit.value : hit);
  }
  return out;
}

const fail = (message: string) => new AppError('live.study_link_invalid', { fields: [{ path: 'studyLink', message }] });

export interface StudyTarget {
  waveId: string;
  code: string;
  status: string;
  waveName: string;
  versionId: string;
  toAnswer: (answer: LiveAnswer) => unknown;
}

export function createLiveStudyLink(deps: { studyAdmin: StudyAdminService; responses: ResponseService }) {
  /** Resolves the link; throws `live.study_link_invalid` (400) with a German reason when it does not fit. */
  async function target(actor: Actor, kind: LiveQuestionKind, options: LiveOption[], waveId: string, name: string): Promise<StudyTarget> {
    const types = TYPES[kind];
    if (!types) throw fail('Nur Einfachauswahl, Mehrfachauswahl und Skalen lassen sich mit einer Studienfrage verknüpfen.');
    let found;
    try {
      found = await deps.studyAdmin.getWave(actor, waveId);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw fail('Diese Welle gibt es nicht.');
      throw err;
    }
    const { study, wave } = found;
    if (!wave.channels.includes('live')) throw fail(`Die Welle „${wave.name}“ sammelt keine Live-Antworten (Kanal „live“ fehlt).`);
    const version = await deps.studyAdmin.getVersion(actor, study.id, wave.versionId);
    const el = findElement(version.definition, name);
    if (!el) throw fail(`Der Fragebogen der Welle hat keine Frage „${name}“.`);
    if (!types.includes(el.type ?? '')) throw fail(`Die Studienfrage „${name}“ hat einen anderen Fragetyp (${el.type}).`);
    let toAnswer: (answer: LiveAnswer) => unknown;
    if (kind === 'scale') {
      toAnswer = (a) => ('value' in a ? a.value : null);
    } else {
      const values = choiceValues(el, options);
      if (typeof values === 'string') throw fail(values);
      toAnswer = (a) => ('optionId' in a ? values.get(a.optionId) : 'optionIds' in a ? a.optionIds.map((id) => values.get(id)) : null);
    }
    // The questionnaire's own checker decides: a live answer alone must be a valid response.
    const { checker } = await deps.responses.checkerFor(wave.versionId);
    const sample: LiveAnswer =
      kind === 'scale' ? { value: 5 } : kind === 'single' ? { optionId: options[0]?.id ?? '' } : { optionIds: options.map((o) => o.id) };
    const errors = checker.check({ [name]: toAnswer(sample) });
    if (errors[name]) throw fail(`Die Antworten passen nicht zur Studienfrage „${name}“: ${errors[name]}`);
    if (Object.keys(errors).length > 0) {
      throw fail('Der Fragebogen verlangt weitere Pflichtfragen; eine Live-Antwort allein wäre keine gültige Antwort.');
    }
    return { waveId: wave.id, code: wave.code, status: wave.status, waveName: wave.name, versionId: wave.versionId, toAnswer };
  }

  /**
   * Stores the votes as responses of the wave. Never throws for reasons of the wave: the outcome
   * (stored, or failed with a German message) is what the moderator sees.
   */
  async function transfer(
    actor: Actor,
    question: { id: string; kind: LiveQuestionKind; options: LiveOption[]; waveId: string; name: string; sessionId: string },
    votes: { device_hash: string; answer: string; created_at: string }[],
  ): Promise<{ status: 'stored' | 'failed'; responses: number; message: string | null }> {
    let t: StudyTarget;
    try {
      t = await target(actor, question.kind, question.options, question.waveId, question.name);
    } catch (err) {
      if (err instanceof AppError)
        return { status: 'failed', responses: 0, message: err.fields?.[0]?.message ?? errorMessage(err.code, 'de') };
      throw err;
    }
    if (t.status !== 'open') {
      return {
        status: 'failed',
        responses: 0,
        message: `Die Welle „${t.waveName}“ ist nicht geöffnet. Die ${votes.length} Stimmen bleiben gespeichert; schließen Sie die Frage erneut, sobald die Welle läuft.`,
      };
    }
    let ok = 0;
    let invalid = 0;
    for (let i = 0; i < votes.length; i += 500) {
      const chunk = votes.slice(i, i + 500);
      try {
        const result = await deps.responses.submit(actor, t.code, {
          channel: 'live',
          responses: chunk.map((v) => ({
            id: responseId(question.id, v.device_hash),
            versionId: t.versionId,
            answers: { [question.name]: t.toAnswer(JSON.parse(v.answer) as LiveAnswer) },
            collectedOn: v.created_at.slice(0, 10),
          })),
        });
        ok += result.counts.stored + result.counts.duplicate;
        invalid += result.counts.invalid + result.counts.conflict;
      } catch (err) {
        if (err instanceof AppError) {
          return { status: 'failed', responses: ok, message: `${errorMessage(err.code, 'de')} Die Stimmen bleiben gespeichert.` };
        }
        throw err;
      }
    }
    if (invalid > 0) {
      return { status: 'failed', responses: ok, message: `${invalid} Stimmen passten nicht zur Studienfrage und wurden nicht übernommen.` };
    }
    return { status: 'stored', responses: ok, message: null };
  }

  return { target, transfer };
}

/** A UUID (version 8 layout) derived from question and device: the same vote, the same response id. */
export function responseId(questionId: string, deviceHash: string): string {
  const h = createHash('sha256').update(`live-vote:${questionId}:${deviceHash}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
