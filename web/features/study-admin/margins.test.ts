import { describe, expect, it } from 'vitest';
import { marginLabels, marginRows, readMarginsFile, totalsDiffer } from './margins.ts';

const DEFINITION = {
  pages: [
    {
      name: 'p1',
      elements: [
        {
          type: 'panel',
          name: 'person',
          elements: [
            {
              type: 'radiogroup',
              name: 'sex',
              choices: [
                { value: 1, text: { default: 'männlich', en: 'male' } },
                { value: 2, text: { default: 'weiblich', en: 'female' } },
              ],
            },
          ],
        },
        {
          type: 'radiogroup',
          name: 'district',
          choices: [
            { value: 14511, text: { default: 'Stadt Chemnitz', en: 'City of Chemnitz' } },
            { value: 14521, text: 'Erzgebirgskreis' },
          ],
        },
        { type: 'radiogroup', name: 'lieblingsfarbe', choices: [{ value: 1, text: 'Blau' }] },
      ],
    },
  ],
};

describe('answer labels of the weighting questions', () => {
  it('reads district, sex and age band from the questionnaire in the page language, codes as text', () => {
    const de = marginLabels(DEFINITION, 'de');
    expect([...de.keys()]).toEqual(['sex', 'district']);
    expect(de.get('district')?.get('14511')).toBe('Stadt Chemnitz');
    expect(marginLabels(DEFINITION, 'en').get('sex')?.get('2')).toBe('female');
  });

  it('is empty for a questionnaire without pages', () => {
    expect(marginLabels(null, 'de').size).toBe(0);
  });
});

describe('margins as table rows', () => {
  const margins = { sex: { '1': 60, '2': 40 }, district: { '14521': 30, '14511': 70 }, bundesland: { '14': 100 } };

  it('lists district, sex and age band first, each level with its share and label', () => {
    const rows = marginRows(margins, marginLabels(DEFINITION, 'de'));
    expect(rows.map((r) => `${r.variable}:${r.level}`)).toEqual(['district:14511', 'district:14521', 'sex:1', 'sex:2', 'bundesland:14']);
    expect(rows[0]).toEqual({ variable: 'district', level: '14511', label: 'Stadt Chemnitz', total: 70, share: 0.7, first: true });
    expect(rows[1]).toMatchObject({ label: 'Erzgebirgskreis', share: 0.3, first: false });
    expect(rows[4]).toMatchObject({ label: null, share: 1, first: true });
  });

  it('tells when the variables describe populations of different size', () => {
    expect(totalsDiffer(margins)).toBe(false);
    expect(totalsDiffer({ sex: { '1': 50, '2': 50 }, district: { '14511': 99 } })).toBe(true);
    expect(totalsDiffer({})).toBe(false);
  });
});

describe('an uploaded margins file', () => {
  it('reads CSV with semicolons and a BOM', () => {
    const file = readMarginsFile('margins.csv', '\uFEFFvariable;level;total\r\nsex;1;120.000\r\nsex;2;125.500\r\n');
    expect(file).toEqual({ ok: true, margins: { sex: { '1': 120000, '2': 125500 } }, meta: {} });
  });

  it('reports faulty CSV lines with their numbers', () => {
    const file = readMarginsFile('margins.csv', 'variable;level;total\nsex;1;-5\n');
    expect(file).toEqual({ ok: false, problems: [{ line: 2, message: 'Summe muss eine positive Zahl sein.' }] });
  });

  it('reads JSON in the shape of the API body, with title, source and licence', () => {
    const body = { title: 'Zensus 2022', source: 'Statistisches Bundesamt', licence: 'dl-de/by-2-0', margins: { sex: { '1': 1, '2': 2 } } };
    expect(readMarginsFile('m.json', JSON.stringify(body))).toEqual({
      ok: true,
      margins: body.margins,
      meta: { title: 'Zensus 2022', source: 'Statistisches Bundesamt', licence: 'dl-de/by-2-0' },
    });
  });

  it('refuses JSON that is broken, lacks margins or has non-positive totals', () => {
    expect(readMarginsFile('m.json', '{"margins": ')).toMatchObject({ ok: false, problems: [{ line: 0 }] });
    expect(readMarginsFile('m.json', '{"sex": {"1": 5}}')).toMatchObject({ ok: false });
    const zero = readMarginsFile('m.json', '{"margins": {"sex": {"1": 0}}}');
    expect(zero).toEqual({ ok: false, problems: [{ line: 0, message: 'margins.sex.1: Summe muss eine positive Zahl sein.' }] });
    expect(readMarginsFile('m.json', '{"margins": {}}')).toMatchObject({ ok: false });
  });
});
