import { describe, expect, it } from 'vitest';
import type { PublicLiveQuestion } from '../../../contracts/live.ts';
import { buildAnswer, cleanWords, emptyDraft, moveItem, toggleOption } from './live-answer.ts';
import { percentOf, resultBars } from './live-results.ts';
import {
  readDeviceToken,
  rememberUpvote,
  rememberVote,
  saveDeviceToken,
  upvotedQuestions,
  votedQuestions,
  type KeyValueStore,
} from './live-storage.ts';
import { cloudWords } from './word-cloud.ts';

function question(kind: PublicLiveQuestion['kind'], options = ['Bus', 'Bahn', 'Rad']): PublicLiveQuestion {
  return {
    id: '7f0c1a52-64a1-4a55-9d43-4f7a2f1c9d01',
    kind,
    prompt: 'Wie kommen Sie zur Arbeit?',
    options: options.map((label, i) => ({ id: `o${i + 1}`, label })),
    scaleLabels: kind === 'scale' ? { min: 'gar nicht', max: 'voll und ganz' } : null,
    status: 'open',
  };
}

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('word cloud sizes', () => {
  const scale = { minRem: 1, maxRem: 5 };

  it('puts the most frequent word first and largest, the rarest smallest', () => {
    const words = cloudWords(
      [
        { text: 'Weiterbildung', count: 2 },
        { text: 'Zukunft', count: 8 },
        { text: 'Angst', count: 1 },
      ],
      scale,
    );
    expect(words.map((w) => w.text)).toEqual(['Zukunft', 'Weiterbildung', 'Angst']);
    expect(words[0]!.size).toBe(5);
    expect(words[2]!.size).toBe(1);
    // Logarithmic: 2 of 8 sits a third of the way up, not a quarter.
    expect(words[1]!.size).toBeCloseTo(1 + 4 / 3, 2);
  });

  it('gives equal counts equal sizes and sorts them alphabetically', () => {
    const words = cloudWords(
      [
        { text: 'Bahn', count: 3 },
        { text: 'Auto', count: 3 },
        { text: 'Rad', count: 1 },
      ],
      scale,
    );
    expect(words.map((w) => w.text)).toEqual(['Auto', 'Bahn', 'Rad']);
    expect(words[0]!.size).toBe(words[1]!.size);
  });

  it('sets words named once each in the middle and drops empty entries', () => {
    const words = cloudWords(
      [
        { text: 'Mut', count: 1 },
        { text: '  ', count: 4 },
        { text: 'Geduld', count: 1 },
        { text: 'Null', count: 0 },
      ],
      scale,
    );
    expect(words).toEqual([
      { text: 'Geduld', count: 1, size: 3 },
      { text: 'Mut', count: 1, size: 3 },
    ]);
  });

  it('keeps markup as plain text (it is rendered as text)', () => {
    expect(cloudWords([{ text: '<script>x</script>', count: 2 }], scale)[0]!.text).toBe('<script>x</script>');
  });
});

describe('ranking reorder', () => {
  it('moves an entry up and down one place', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('leaves the list unchanged at either end and does not change the input', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(list, 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(list, 5, -1)).toEqual(['a', 'b', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('answers per kind', () => {
  it('single: the chosen option, nothing before a choice', () => {
    const q = question('single');
    const draft = emptyDraft(q);
    expect(buildAnswer(q, draft)).toBeNull();
    expect(buildAnswer(q, { ...draft, optionId: 'o2' })).toEqual({ optionId: 'o2' });
    expect(buildAnswer(q, { ...draft, optionId: 'unbekannt' })).toBeNull();
  });

  it('multiple: ticked options in the order of the question', () => {
    const q = question('multiple');
    let ids = toggleOption([], 'o3', true);
    ids = toggleOption(ids, 'o1', true);
    ids = toggleOption(ids, 'o2', true);
    ids = toggleOption(ids, 'o2', false);
    expect(buildAnswer(q, { ...emptyDraft(q), optionIds: ids })).toEqual({ optionIds: ['o1', 'o3'] });
    expect(buildAnswer(q, { ...emptyDraft(q), optionIds: [] })).toBeNull();
  });

  it('scale: a whole number from 1 to 5', () => {
    const q = question('scale', []);
    expect(buildAnswer(q, { ...emptyDraft(q), value: 4 })).toEqual({ value: 4 });
    expect(buildAnswer(q, { ...emptyDraft(q), value: 6 })).toBeNull();
    expect(buildAnswer(q, emptyDraft(q))).toBeNull();
  });

  it('words: trimmed, without empty fields and repeats, at most three', () => {
    const q = question('words', []);
    expect(emptyDraft(q).words).toEqual(['', '', '']);
    expect(buildAnswer(q, { ...emptyDraft(q), words: ['  Mut ', '', 'mut', ' Zukunft  der  Arbeit'] })).toEqual({
      words: ['Mut', 'Zukunft der Arbeit'],
    });
    expect(buildAnswer(q, { ...emptyDraft(q), words: [' ', '', ''] })).toBeNull();
    expect(cleanWords(['a', 'b', 'c', 'd'])).toEqual(['a', 'b', 'c']);
  });

  it('ranking: all options in the chosen order', () => {
    const q = question('ranking');
    const draft = emptyDraft(q);
    expect(draft.order).toEqual(['o1', 'o2', 'o3']);
    expect(buildAnswer(q, { ...draft, order: moveItem(draft.order, 2, -1) })).toEqual({ order: ['o1', 'o3', 'o2'] });
    expect(buildAnswer(q, { ...draft, order: ['o1', 'o2'] })).toBeNull();
  });
});

describe('what the phone remembers', () => {
  it('keeps the device token per code', () => {
    const store = new MemoryStore();
    const token = 'a'.repeat(32);
    saveDeviceToken(store, '123456', token);
    expect(readDeviceToken(store, '123456')).toBe(token);
    expect(readDeviceToken(store, '654321')).toBeNull();
    store.setItem('itas.live.654321.device', 'kurz');
    expect(readDeviceToken(store, '654321')).toBeNull();
  });

  it('remembers voted questions per code, once each, across reloads', () => {
    const store = new MemoryStore();
    rememberVote(store, '123456', 'q1');
    rememberVote(store, '123456', 'q2');
    rememberVote(store, '123456', 'q1');
    expect(votedQuestions(store, '123456').sort()).toEqual(['q1', 'q2']);
    expect(votedQuestions(store, '999999')).toEqual([]);
    // A second page reading the same storage (a reload) sees the same.
    expect(votedQuestions(store, '123456')).toHaveLength(2);
  });

  it('keeps upvotes apart from votes and ignores damaged entries', () => {
    const store = new MemoryStore();
    rememberUpvote(store, '123456', 'f1');
    expect(upvotedQuestions(store, '123456')).toEqual(['f1']);
    expect(votedQuestions(store, '123456')).toEqual([]);
    store.setItem('itas.live.123456.voted', '{kaputt');
    expect(votedQuestions(store, '123456')).toEqual([]);
    store.setItem('itas.live.123456.voted', JSON.stringify(['q1', 7, null]));
    expect(votedQuestions(store, '123456')).toEqual(['q1']);
  });

  it('works without storage (private mode) and when storage throws', () => {
    expect(votedQuestions(null, '123456')).toEqual([]);
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(rememberVote(broken, '123456', 'q1')).toEqual(['q1']);
    expect(readDeviceToken(broken, '123456')).toBeNull();
  });

  it('keeps at most 200 questions, dropping the oldest', () => {
    const store = new MemoryStore();
    for (let i = 0; i < 205; i++) rememberVote(store, '123456', `q${i}`);
    const ids = votedQuestions(store, '123456');
    expect(ids).toHaveLength(200);
    expect(ids[0]).toBe('q5');
  });
});

describe('result bars', () => {
  it('shows shares of the voters for choices and points relative to the best for rankings', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(0, 0)).toBe(0);
    const bars = resultBars(
      {
        kind: 'multiple',
        voters: 4,
        options: [
          { id: 'a', label: 'A', count: 4 },
          { id: 'b', label: 'B', count: 1 },
        ],
      },
      String,
    );
    expect(bars.map((b) => [b.count, b.percent])).toEqual([
      [4, 100],
      [1, 25],
    ]);
    const ranking = resultBars(
      {
        kind: 'ranking',
        voters: 2,
        options: [
          { id: 'a', label: 'A', meanRank: 1, points: 4 },
          { id: 'b', label: 'B', meanRank: 2, points: 1 },
        ],
      },
      String,
    );
    expect(ranking.map((b) => [b.width, b.percent])).toEqual([
      [100, null],
      [25, null],
    ]);
    const scale = resultBars({ kind: 'scale', voters: 2, counts: [0, 0, 1, 0, 1], mean: 4 }, (v) => `Wert ${v}`);
    expect(scale.map((b) => b.label)).toEqual(['Wert 1', 'Wert 2', 'Wert 3', 'Wert 4', 'Wert 5']);
    expect(scale[2]!.percent).toBe(50);
  });
});

describe('question editor', () => {
  it('sends options only for choice and ranking questions, trimmed and without empty rows', async () => {
    const { checkQuestion, newQuestionValues, questionBody } = await import('./question-form.ts');
    const values = { ...newQuestionValues(), prompt: '  Welches Thema zuerst? ', options: [' Bus ', '', '<script>alert(1)</script>'] };
    expect(questionBody(values)).toEqual({
      kind: 'single',
      prompt: 'Welches Thema zuerst?',
      options: ['Bus', '<script>alert(1)</script>'],
      scaleLabels: null,
      studyLink: null,
    });
    expect(checkQuestion(values)).toEqual({});
    expect(questionBody({ ...values, kind: 'words' }).options).toEqual([]);
    expect(questionBody({ ...values, kind: 'scale', scaleMin: 'gar nicht', scaleMax: '' }).scaleLabels).toEqual({
      min: 'gar nicht',
      max: '',
    });
  });

  it('asks for a prompt, two different options and a complete study link', async () => {
    const { checkQuestion, newQuestionValues } = await import('./question-form.ts');
    expect(checkQuestion({ ...newQuestionValues(), options: ['Bus', ' bus '] })).toEqual({
      prompt: 'live.editor.errors.prompt',
      options: 'live.editor.errors.optionsUnique',
    });
    expect(checkQuestion({ ...newQuestionValues(), prompt: 'Frage', options: ['Bus', ''] }).options).toBe('live.editor.errors.options');
    expect(checkQuestion({ ...newQuestionValues(), kind: 'words', prompt: 'Frage', linked: true, waveId: 'x', questionName: '' })).toEqual({
      waveId: 'live.editor.errors.wave',
      questionName: 'live.editor.errors.questionName',
    });
  });
});

describe('audience questions', () => {
  const q = (id: string, status: 'pending' | 'approved' | 'answered' | 'hidden', upvotes: number, createdAt: string) => ({
    id,
    text: id,
    status,
    upvotes,
    createdAt,
  });
  const list = [
    q('a', 'approved', 1, '2026-01-01T10:00:00Z'),
    q('b', 'pending', 0, '2026-01-01T10:05:00Z'),
    q('c', 'hidden', 9, '2026-01-01T10:01:00Z'),
    q('d', 'approved', 5, '2026-01-01T10:02:00Z'),
    q('e', 'pending', 0, '2026-01-01T10:03:00Z'),
    q('f', 'answered', 7, '2026-01-01T10:04:00Z'),
  ];

  it('moderator: pending first in order of arrival, then approved by support, answered, hidden', async () => {
    const { moderationOrder } = await import('./moderation.ts');
    expect(moderationOrder(list).map((x) => x.id)).toEqual(['e', 'b', 'd', 'a', 'f', 'c']);
  });

  it('projector: only approved ones, most support first', async () => {
    const { projectorQuestions } = await import('./moderation.ts');
    expect(projectorQuestions(list).map((x) => x.id)).toEqual(['d', 'a']);
  });
});

describe('question on the projector', () => {
  it('shows the open question, else the one closed last', async () => {
    const { shownQuestion } = await import('./live-results.ts');
    const q = (id: string, status: string, closedAt: string | null) => ({ id, status, closedAt, position: 0 });
    expect(shownQuestion([q('a', 'closed', '2026-01-01T10:00:00Z'), q('b', 'open', null)])?.id).toBe('b');
    expect(
      shownQuestion([q('a', 'closed', '2026-01-01T10:09:00Z'), q('b', 'closed', '2026-01-01T10:05:00Z'), q('c', 'draft', null)])?.id,
    ).toBe('a');
    expect(shownQuestion([q('c', 'draft', null)])).toBeNull();
  });
});
