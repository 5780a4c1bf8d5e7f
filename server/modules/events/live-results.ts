import type { LiveAnswer, LiveOption, LiveQuestionKind, LiveResults } from '../../../contracts/live.ts';

/**
 * Results of live questions as running tallies: pure functions without I/O. A tally is seeded
 * from the stored votes (grouped by identical answer, `times` at once) and grows by one answer
 * per committed vote; `presentResults` turns it into the shape the projector shows.
 */

/** How many words the word cloud shows at most. */
export const WORD_CLOUD_SIZE = 60;

export interface Tally {
  kind: LiveQuestionKind;
  voters: number;
  /** single/multiple: votes per option id; scale: votes per value "1" … "5". */
  counts: Map<string, number>;
  /** words: by comparison key; `text` is the spelling typed first, `order` when it was first seen. */
  words: Map<string, { text: string; count: number; order: number }>;
  /** ranking: per option id the sum of ranks (1 = top) and the Borda points. */
  ranks: Map<string, { rankSum: number; points: number }>;
}

export function emptyTally(kind: LiveQuestionKind): Tally {
  return { kind, voters: 0, counts: new Map(), words: new Map(), ranks: new Map() };
}

/** The key under which word-cloud entries are compared: trimmed, NFC, case-insensitive. */
export function wordKey(word: string): string {
  return word.trim().normalize('NFC').toLocaleLowerCase('de');
}

const bump = (m: Map<string, number>, key: string, by: number) => m.set(key, (m.get(key) ?? 0) + by);

/** Adds an answer (already checked against its question) `times` times. */
export function addAnswer(tally: Tally, answer: LiveAnswer, times = 1): void {
  tally.voters += times;
  if ('optionId' in answer) bump(tally.counts, answer.optionId, times);
  else if ('optionIds' in answer) for (const id of new Set(answer.optionIds)) bump(tally.counts, id, times);
  else if ('value' in answer) bump(tally.counts, String(answer.value), times);
  else if ('words' in answer) {
    const seen = new Set<string>();
    for (const raw of answer.words) {
      const key = wordKey(raw);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const entry = tally.words.get(key);
      if (entry) entry.count += times;
      else tally.words.set(key, { text: raw.trim().normalize('NFC'), count: times, order: tally.words.size });
    }
  } else {
    const n = answer.order.length;
    answer.order.forEach((id, index) => {
      const r = tally.ranks.get(id) ?? { rankSum: 0, points: 0 };
      r.rankSum += (index + 1) * times;
      r.points += (n - 1 - index) * times;
      tally.ranks.set(id, r);
    });
  }
}

/** The results as the staff view shows them; options in their order (ranking: best first). */
export function presentResults(kind: LiveQuestionKind, options: LiveOption[], tally: Tally | undefined): LiveResults {
  const t = tally ?? emptyTally(kind);
  const voters = t.voters;
  switch (kind) {
    case 'single':
    case 'multiple':
      return { kind, voters, options: options.map((o) => ({ id: o.id, label: o.label, count: t.counts.get(o.id) ?? 0 })) };
    case 'scale': {
      const counts = [1, 2, 3, 4, 5].map((v) => t.counts.get(String(v)) ?? 0);
      const sum = counts.reduce((acc, c, i) => acc + c * (i + 1), 0);
      return { kind, voters, counts, mean: voters > 0 ? sum / voters : null };
    }
    case 'words': {
      const words = [...t.words.values()]
        .sort((a, b) => b.count - a.count || a.order - b.order)
        .slice(0, WORD_CLOUD_SIZE)
        .map((w) => ({ text: w.text, count: w.count }));
      return { kind, voters, words };
    }
    case 'ranking': {
      const rows = options.map((o, position) => {
        const r = t.ranks.get(o.id);
        return { id: o.id, label: o.label, meanRank: r && voters > 0 ? r.rankSum / voters : null, points: r?.points ?? 0, position };
      });
      rows.sort((a, b) => {
        if (a.meanRank !== null && b.meanRank !== null && a.meanRank !== b.meanRank) return a.meanRank - b.meanRank;
        if (a.meanRank === null && b.meanRank !== null) return 1;
        if (a.meanRank !== null && b.meanRank === null) return -1;
        return b.points - a.points || a.position - b.position;
      });
      return { kind, voters, options: rows.map(({ id, label, meanRank, points }) => ({ id, label, meanRank, points })) };
    }
  }
}

/**
 * Checks an answer against its question and returns the form that is stored: trimmed words,
 * option ids of a multiple choice in the question's order (so equal choices store equally).
 * Returns null when the answer does not fit.
 */
export function normaliseAnswer(kind: LiveQuestionKind, optionIds: readonly string[], answer: LiveAnswer): LiveAnswer | null {
  const known = new Set(optionIds);
  switch (kind) {
    case 'single':
      return 'optionId' in answer && known.has(answer.optionId) ? { optionId: answer.optionId } : null;
    case 'multiple': {
      if (!('optionIds' in answer)) return null;
      const chosen = new Set(answer.optionIds);
      if (chosen.size !== answer.optionIds.length || ![...chosen].every((id) => known.has(id))) return null;
      return { optionIds: optionIds.filter((id) => chosen.has(id)) };
    }
    case 'scale':
      return 'value' in answer && Number.isInteger(answer.value) && answer.value >= 1 && answer.value <= 5 ? { value: answer.value } : null;
    case 'words': {
      if (!('words' in answer)) return null;
      const words = answer.words.map((w) => w.trim());
      if (words.some((w) => w === '' || [...w].length > 30) || words.length > 3) return null;
      return { words };
    }
    case 'ranking': {
      if (!('order' in answer)) return null;
      const order = answer.order;
      if (order.length !== optionIds.length || new Set(order).size !== order.length || !order.every((id) => known.has(id))) return null;
      return { order: [...order] };
    }
  }
}
