import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { autoMapping, convertCell, importVariables, type ImportVariable } from './import-convert.ts';

const DEFINITION = {
  pages: [
    {
      elements: [
        {
          type: 'radiogroup',
          name: 'sex',
          title: { default: 'Welches Geschlecht haben Sie?', en: 'What is your sex?' },
          choices: [
            { value: 1, text: { default: 'männlich', en: 'male' } },
            { value: 2, text: { default: 'weiblich', en: 'female' } },
            { value: 99, text: { default: 'keine Angabe', en: 'prefer not to say' } },
          ],
        },
        {
          type: 'panel',
          name: 'block',
          elements: [
            {
              type: 'checkbox',
              name: 'help',
              choices: [
                { value: 1, text: 'Bus und Bahn' },
                { value: 2, text: 'Radwege' },
                { value: 3, text: 'ja, sicher' },
              ],
            },
            { type: 'rating', name: 'score', rateMin: 0, rateMax: 10 },
            { type: 'rating', name: 'stars', rateValues: [{ value: 1, text: { default: 'schlecht', en: 'bad' } }, 2, 3] },
          ],
        },
        { type: 'boolean', name: 'commutes', labelTrue: { default: 'pendle', en: 'commute' }, labelFalse: 'bleibe' },
        { type: 'comment', name: 'idea' },
        { type: 'html', name: 'note', html: '<p>x</p>' },
        {
          type: 'matrix',
          name: 'trust',
          title: 'Vertrauen',
          rows: [{ value: 'land', text: { default: 'Landesregierung', en: 'state government' } }],
          columns: [
            { value: 1, text: 'gering' },
            { value: 2, text: 'hoch' },
          ],
        },
      ],
    },
  ],
};

const variables = importVariables(DEFINITION, 'de');
const v = (name: string) => variables.find((x) => x.name === name) as ImportVariable;

describe('variables of a questionnaire', () => {
  it('lists every importable question in order, matrices by row, in the page language', () => {
    expect(variables.map((x) => x.name)).toEqual(['sex', 'help', 'score', 'stars', 'commutes', 'idea', 'trust.land']);
    expect(v('sex').title).toBe('Welches Geschlecht haben Sie?');
    expect(importVariables(DEFINITION, 'en')[0]!.title).toBe('What is your sex?');
    expect(v('trust.land').title).toBe('Vertrauen – Landesregierung');
    expect([...v('score').codes.values()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('knows all 41 questions of the shipped questionnaire', () => {
    // Read as a file: the web app never imports server code, its tests may look at the same questionnaire.
    const shipped: unknown = JSON.parse(
      readFileSync(new URL('../../../server/modules/study/questionnaires/resilienz-studie-suedwestsachsen.json', import.meta.url), 'utf8'),
    );
    const shippedVariables = importVariables(shipped, 'de');
    expect(shippedVariables).toHaveLength(41);
    expect(shippedVariables[0]).toMatchObject({ name: 'district', kind: 'single' });
    expect(shippedVariables.find((x) => x.name === 'responsibility')?.kind).toBe('multi');
  });
});

describe('converting a cell', () => {
  it('treats empty cells as unanswered', () => {
    for (const cell of [null, undefined, '', '   ']) expect(convertCell(v('sex'), cell)).toEqual({ kind: 'empty' });
  });

  it('takes codes and German or English labels in any case', () => {
    expect(convertCell(v('sex'), 2)).toEqual({ kind: 'value', value: 2 });
    expect(convertCell(v('sex'), ' 2.0 ')).toEqual({ kind: 'value', value: 2 });
    expect(convertCell(v('sex'), 'WEIBLICH')).toEqual({ kind: 'value', value: 2 });
    expect(convertCell(v('sex'), ' Prefer not to say ')).toEqual({ kind: 'value', value: 99 });
    expect(convertCell(v('sex'), 'divers')).toEqual({ kind: 'error', error: 'notAChoice', raw: 'divers' });
    expect(convertCell(v('stars'), 'bad')).toEqual({ kind: 'value', value: 1 });
    expect(convertCell(v('trust.land'), 'hoch')).toEqual({ kind: 'value', value: 2 });
  });

  it('splits multiple choices at ";" or ",", but keeps a label that contains a comma whole', () => {
    expect(convertCell(v('help'), 'Bus und Bahn; radwege')).toEqual({ kind: 'value', value: [1, 2] });
    expect(convertCell(v('help'), '1,3')).toEqual({ kind: 'value', value: [1, 3] });
    expect(convertCell(v('help'), 'ja, sicher')).toEqual({ kind: 'value', value: [3] });
    expect(convertCell(v('help'), 'ja, sicher; 2')).toEqual({ kind: 'value', value: [3, 2] });
    expect(convertCell(v('help'), '1; Flugtaxi')).toEqual({ kind: 'error', error: 'notAChoice', raw: 'Flugtaxi' });
  });

  it('reads yes and no in German, English, as digits and as the question labels', () => {
    for (const yes of ['1', 1, 'ja', 'Yes', 'TRUE', 'pendle', 'commute'])
      expect(convertCell(v('commutes'), yes)).toEqual({ kind: 'value', value: true });
    for (const no of ['0', 0, 'Nein', 'no', 'false', 'bleibe'])
      expect(convertCell(v('commutes'), no)).toEqual({ kind: 'value', value: false });
    expect(convertCell(v('commutes'), 'vielleicht')).toEqual({ kind: 'error', error: 'notYesNo', raw: 'vielleicht' });
  });

  it('keeps texts exactly, formulas and markup included', () => {
    for (const text of ['=HYPERLINK("x")', '<script>alert(1)</script>', ' 👩🏽‍🔧 ', 'e\u0301', 'שלום']) {
      expect(convertCell(v('idea'), text)).toEqual({ kind: 'value', value: text });
    }
    expect(convertCell(v('idea'), 42)).toEqual({ kind: 'value', value: '42' });
  });
});

it('maps columns named like a variable automatically, ignoring case and spaces', () => {
  expect(autoMapping([' SEX ', 'Idee', 'help', 'score', 'Score'], variables)).toEqual({ ' SEX ': 'sex', help: 'help', score: 'score' });
});
