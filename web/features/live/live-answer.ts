import { LIVE_WORD_MAX_LENGTH, LIVE_WORDS_MAX, type LiveAnswer, type PublicLiveQuestion } from '../../../contracts/live.ts';

/** What a person has entered so far, for every kind of question (only the fields of its kind matter). */
export interface AnswerDraft {
  optionId: string | null;
  optionIds: string[];
  value: number | null;
  words: string[];
  /** Option ids, best first (ranking). */
  order: string[];
}

export function emptyDraft(question: PublicLiveQuestion): AnswerDraft {
  return {
    optionId: null,
    optionIds: [],
    value: null,
    words: Array.from({ length: LIVE_WORDS_MAX }, () => ''),
    order: question.options.map((o) => o.id),
  };
}

/** The words worth sending: trimmed, non-empty, each once (ignoring case), at most three. */
export function cleanWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of words) {
    const word = raw.trim().replace(/\s+/g, ' ').slice(0, LIVE_WORD_MAX_LENGTH);
    const key = word.toLocaleLowerCase('de');
    if (word === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(word);
  }
  return result.slice(0, LIVE_WORDS_MAX);
}

/** The answer the API expects for this question, or null while it is incomplete. */
export function buildAnswer(question: PublicLiveQuestion, draft: AnswerDraft): LiveAnswer | null {
  const known = new Set(question.options.map((o) => o.id));
  switch (question.kind) {
    case 'single':
      return draft.optionId !== null && known.has(draft.optionId) ? { optionId: draft.optionId } : null;
    case 'multiple': {
      // In the order of the options, whatever order they were ticked in.
      const ids = question.options.map((o) => o.id).filter((id) => draft.optionIds.includes(id));
      return ids.length > 0 ? { optionIds: ids } : null;
    }
    case 'scale':
      return draft.value !== null && Number.isInteger(draft.value) && draft.value >= 1 && draft.value <= 5 ? { value: draft.value } : null;
    case 'words': {
      const words = cleanWords(draft.words);
      return words.length > 0 ? { words } : null;
    }
    case 'ranking': {
      const complete = draft.order.length === known.size && draft.order.every((id) => known.has(id));
      return complete && draft.order.length >= 2 ? { order: [...draft.order] } : null;
    }
  }
}

/** Moves one entry a place up (-1) or down (+1); at either end the list stays as it is. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  const copy = [...list];
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return copy;
  const [item] = copy.splice(index, 1) as [T];
  copy.splice(target, 0, item);
  return copy;
}

/** Ticks or unticks one option of a multiple-choice question. */
export function toggleOption(ids: readonly string[], id: string, checked: boolean): string[] {
  const without = ids.filter((x) => x !== id);
  return checked ? [...without, id] : without;
}
