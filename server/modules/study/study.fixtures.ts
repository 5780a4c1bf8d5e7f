import type { TestApp } from '../../test/test-app.ts';

/** A small questionnaire for tests: one Likert item, a condition, an open question. */
export const SMALL_DEFINITION = {
  pages: [
    {
      name: 'seite_1',
      elements: [
        {
          type: 'radiogroup',
          name: 'zustimmung',
          isRequired: true,
          scale: 'veraenderungsbereitschaft',
          title: { default: 'Ich sehe dem Wandel gelassen entgegen.', en: 'I face the change calmly.' },
          choices: [1, 2, 3, 4, 5, 98].map((v) => ({ value: v, text: { default: `Stufe ${v}`, en: `Level ${v}` } })),
        },
        { type: 'comment', name: 'warum', visibleIf: '{zustimmung} <= 2', maxLength: 2000 },
        { type: 'comment', name: 'idee', maxLength: 2000 },
      ],
    },
  ],
};

let n = 0;

/** Creates a study with one wave (open by default) through the study service; the small questionnaire unless another is given. */
export async function createSmallWave(
  t: TestApp,
  wave: Partial<{
    status: 'draft' | 'open' | 'closed';
    channels: ('online' | 'interviewer' | 'kiosk' | 'import' | 'live')[];
    opensOn: string;
    closesOn: string;
  }> = {},
  definition: object = SMALL_DEFINITION,
) {
  n += 1;
  const created = await t.app.services.studies.createStudy({
    slug: `teststudie-${n}-${Math.random().toString(36).slice(2, 6)}`,
    title: 'Teststudie',
    description: 'Für Tests',
    organisationId: await t.orgId('cwe'),
    definition,
    wave: {
      name: 'Welle 1',
      opensOn: '2026-03-01',
      closesOn: '2026-04-30',
      status: 'open',
      channels: ['online', 'interviewer', 'kiosk'],
      consentDe: 'Ihre Antworten sind anonym.',
      consentEn: 'Your answers are anonymous.',
      districts: ['14511'],
      ...wave,
    },
  });
  return { code: created.code, versionId: created.versionId, waveId: created.waveId };
}
