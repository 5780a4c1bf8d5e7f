import { describe, expect, it } from 'vitest';
import { compileChecker } from './checker.ts';
import { checkDefinition } from './rules.ts';

const likert = (name: string, extra: object = {}) => ({
  type: 'radiogroup',
  name,
  isRequired: true,
  choices: [1, 2, 3, 4, 5, 98].map((v) => ({ value: v, text: { default: `Stufe ${v}`, en: `Level ${v}` } })),
  ...extra,
});

const DEFINITION = {
  pages: [
    {
      name: 'seite_1',
      elements: [
        {
          type: 'radiogroup',
          name: 'district',
          isRequired: true,
          weighting: 'district',
          choices: [
            { value: 14511, text: 'Chemnitz' },
            { value: 0, text: 'außerhalb' },
          ],
        },
        likert('vb_01', { scale: 'veraenderungsbereitschaft' }),
        likert('vb_02', { scale: 'veraenderungsbereitschaft', reverse: true, visibleIf: '{district} = 14511' }),
        { type: 'checkbox', name: 'resp', choices: [1, 2, 3, 98].map((v) => ({ value: v, text: `Option ${v}` })) },
        { type: 'rating', name: 'zufriedenheit', rateMin: 1, rateMax: 5 },
        { type: 'comment', name: 'open_idea', maxLength: 2000 },
      ],
    },
  ],
};

describe('questionnaire checker', () => {
  const checker = compileChecker(DEFINITION);

  it('accepts a complete, consistent answer set', () => {
    expect(checker.check({ district: 14511, vb_01: 4, vb_02: 2, resp: [1, 3], zufriedenheit: 5, open_idea: 'Mehr Busse 🚌 نور' })).toEqual(
      {},
    );
  });

  it('asks for required answers, as survey-core does', () => {
    expect(Object.keys(checker.check({ district: 0 }))).toEqual(['vb_01']);
  });

  it('refuses what survey-core lets through: unknown keys, foreign choices, out-of-range ratings, hidden answers', () => {
    expect(checker.check({ district: 0, vb_01: 3, farbe: 'grün' })).toHaveProperty('farbe');
    expect(checker.check({ district: 12345, vb_01: 3 })).toHaveProperty('district');
    expect(checker.check({ district: 0, vb_01: 3, zufriedenheit: 9 })).toHaveProperty('zufriedenheit');
    expect(checker.check({ district: 0, vb_01: 3, vb_02: 2 })).toHaveProperty('vb_02'); // hidden outside Chemnitz
    expect(checker.check({ district: 0, vb_01: '3' })).toHaveProperty('vb_01'); // no silent coercion
    expect(checker.check({ district: 0, vb_01: 3, resp: [1, 1] })).toHaveProperty('resp');
  });

  it('limits open answers', () => {
    expect(checker.check({ district: 0, vb_01: 3, open_idea: 'x'.repeat(2001) })).toHaveProperty('open_idea');
    expect(checker.check({ district: 0, vb_01: 3, open_idea: '<script>alert(1)</script>' })).toEqual({});
  });

  it('forgets the previous respondent between checks', () => {
    checker.check({ district: 14511, vb_01: 1, vb_02: 1 });
    expect(Object.keys(checker.check({ district: 0 }))).toEqual(['vb_01']);
  });
});

describe('questionnaire rules', () => {
  it('accepts a clean definition', () => {
    expect(checkDefinition(DEFINITION)).toEqual([]);
  });

  it('rejects loading from elsewhere, scripts, HTML, uploads and uncoded choices', () => {
    const bad = (element: object) =>
      checkDefinition({ pages: [{ name: 'p', elements: [element] }] })
        .map((p) => p.message)
        .join(' | ');
    expect(bad({ type: 'dropdown', name: 'land', choicesByUrl: { url: 'https://evil.example/list' } })).toContain('choicesByUrl');
    expect(bad({ type: 'html', name: 'info', html: '<img src=x onerror=alert(1)>' })).toMatch(/html/);
    expect(bad({ type: 'file', name: 'upload' })).toContain('„file“');
    expect(
      bad({ type: 'radiogroup', name: 'q', title: 'Mehr unter <a href="https://x.example">hier</a>', choices: [{ value: 1, text: 'a' }] }),
    ).toContain('Links');
    expect(bad({ type: 'radiogroup', name: 'q', choices: ['rot', 'grün'] })).toContain('ganzzahlige Codes');
    expect(bad({ type: 'radiogroup', name: 'Frage 1', choices: [{ value: 1, text: 'a' }] })).toContain('Variablennamen');
    expect(checkDefinition('nicht json')[0]!.message).toContain('JSON-Objekt');
  });
});

describe('questionnaire checker: conditions on pages and requiredIf', () => {
  const checker = compileChecker({
    pages: [
      {
        name: 'a',
        elements: [{ type: 'radiogroup', name: 'employment', isRequired: true, choices: [1, 2].map((v) => ({ value: v, text: `E${v}` })) }],
      },
      {
        name: 'arbeit',
        visibleIf: '{employment} = 1',
        elements: [{ type: 'comment', name: 'job', requiredIf: '{employment} = 1' }],
      },
      { name: 'versteckt', visible: false, elements: [{ type: 'comment', name: 'intern' }] },
    ],
  });

  it('requires an answer on a page only when the page is shown', () => {
    expect(checker.check({ employment: 1 })).toHaveProperty('job');
    expect(checker.check({ employment: 2 })).toEqual({});
    expect(checker.check({ employment: 2, job: 'Dreher' })).toHaveProperty('job');
  });

  it('never accepts answers on a page the definition hides', () => {
    expect(checker.check({ employment: 2, intern: 'x' })).toHaveProperty('intern');
  });
});
