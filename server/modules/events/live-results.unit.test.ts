import { describe, expect, it } from 'vitest';
import { addAnswer, emptyTally, normaliseAnswer, presentResults, WORD_CLOUD_SIZE, wordKey } from './live-results.ts';

const OPTIONS = [
  { id: 'o1', label: 'Bus' },
  { id: 'o2', label: 'Bahn' },
  { id: 'o3', label: 'Rad' },
];
const IDS = OPTIONS.map((o) => o.id);

describe('live results', () => {
  it('counts single and multiple choices per option, in the options’ order', () => {
    const single = emptyTally('single');
    addAnswer(single, { optionId: 'o2' }, 4);
    addAnswer(single, { optionId: 'o1' });
    expect(presentResults('single', OPTIONS, single)).toEqual({
      kind: 'single',
      voters: 5,
      options: [
        { id: 'o1', label: 'Bus', count: 1 },
        { id: 'o2', label: 'Bahn', count: 4 },
        { id: 'o3', label: 'Rad', count: 0 },
      ],
    });
    const multiple = emptyTally('multiple');
    addAnswer(multiple, { optionIds: ['o1', 'o3'] });
    addAnswer(multiple, { optionIds: ['o3'] }, 2);
    expect(presentResults('multiple', OPTIONS, multiple)).toMatchObject({ voters: 3, options: [{ count: 1 }, { count: 0 }, { count: 3 }] });
  });

  it('gives the scale’s distribution and mean, and no mean without votes', () => {
    const t = emptyTally('scale');
    addAnswer(t, { value: 5 }, 3);
    addAnswer(t, { value: 2 });
    expect(presentResults('scale', [], t)).toEqual({ kind: 'scale', voters: 4, counts: [0, 1, 0, 0, 3], mean: 17 / 4 });
    expect(presentResults('scale', [], undefined)).toEqual({ kind: 'scale', voters: 0, counts: [0, 0, 0, 0, 0], mean: null });
  });

  it('merges words trimmed, NFC and case-insensitively, shows the first spelling, counts a device once per word', () => {
    const t = emptyTally('words');
    addAnswer(t, { words: ['  Straße ', 'Zukunft'] });
    addAnswer(t, { words: ['STRASSE'] });
    addAnswer(t, { words: ['straße', 'Stra\u00DFe'] });
    // "Café" typed with a combining accent (NFD) is the same word as the precomposed one.
    addAnswer(t, { words: ['Cafe\u0301'] });
    addAnswer(t, { words: ['café'] });
    const r = presentResults('words', [], t);
    expect(r).toEqual({
      kind: 'words',
      voters: 5,
      words: [
        { text: 'Straße', count: 2 },
        { text: 'Café', count: 2 },
        { text: 'Zukunft', count: 1 },
        { text: 'STRASSE', count: 1 },
      ],
    });
    expect(wordKey(' Cafe\u0301 ')).toBe('café');
  });

  it('shows the 60 most frequent words, most frequent first', () => {
    const t = emptyTally('words');
    for (let i = 0; i < 80; i++) addAnswer(t, { words: [`wort${i}`] }, i + 1);
    const r = presentResults('words', [], t);
    expect(r.kind === 'words' && r.words).toHaveLength(WORD_CLOUD_SIZE);
    expect(r.kind === 'words' && r.words[0]).toEqual({ text: 'wort79', count: 80 });
    expect(r.kind === 'words' && r.words.at(-1)).toEqual({ text: 'wort20', count: 21 });
  });

  it('ranks by mean rank with Borda points, best first', () => {
    const t = emptyTally('ranking');
    addAnswer(t, { order: ['o3', 'o1', 'o2'] }, 2);
    addAnswer(t, { order: ['o1', 'o3', 'o2'] });
    expect(presentResults('ranking', OPTIONS, t)).toEqual({
      kind: 'ranking',
      voters: 3,
      options: [
        { id: 'o3', label: 'Rad', meanRank: 4 / 3, points: 5 },
        { id: 'o1', label: 'Bus', meanRank: 5 / 3, points: 4 },
        { id: 'o2', label: 'Bahn', meanRank: 3, points: 0 },
      ],
    });
    expect(presentResults('ranking', OPTIONS, undefined)).toMatchObject({
      options: [{ id: 'o1', meanRank: null, points: 0 }, { id: 'o2' }, { id: 'o3' }],
    });
  });

  it('accepts only answers that fit the question, in a canonical form', () => {
    expect(normaliseAnswer('single', IDS, { optionId: 'o2' })).toEqual({ optionId: 'o2' });
    expect(normaliseAnswer('single', IDS, { optionId: 'o9' })).toBeNull();
    expect(normaliseAnswer('single', IDS, { value: 3 })).toBeNull();
    expect(normaliseAnswer('multiple', IDS, { optionIds: ['o3', 'o1'] })).toEqual({ optionIds: ['o1', 'o3'] });
    expect(normaliseAnswer('multiple', IDS, { optionIds: ['o1', 'o1'] })).toBeNull();
    expect(normaliseAnswer('multiple', IDS, { optionIds: ['o1', 'x'] })).toBeNull();
    expect(normaliseAnswer('scale', [], { value: 5 })).toEqual({ value: 5 });
    expect(normaliseAnswer('scale', [], { value: 6 })).toBeNull();
    expect(normaliseAnswer('words', [], { words: [' Mut ', 'Zukunft'] })).toEqual({ words: ['Mut', 'Zukunft'] });
    expect(normaliseAnswer('words', [], { words: ['  '] })).toBeNull();
    expect(normaliseAnswer('words', [], { words: ['a', 'b', 'c', 'd'] })).toBeNull();
    expect(normaliseAnswer('ranking', IDS, { order: ['o2', 'o3', 'o1'] })).toEqual({ order: ['o2', 'o3', 'o1'] });
    expect(normaliseAnswer('ranking', IDS, { order: ['o2', 'o3'] })).toBeNull();
    expect(normaliseAnswer('ranking', IDS, { order: ['o2', 'o2', 'o1'] })).toBeNull();
  });
});
