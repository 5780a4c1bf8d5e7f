import type { Estimate, GroupEstimate, WaveResults } from '../../../contracts/results.ts';

/** Test data only: a wave's results as the server sends them, with suppressed and undefined cells. */

const est = (estimate: number, se: number, n: number): Estimate => ({
  estimate,
  se,
  ciLow: estimate - 1.96 * se,
  ciHigh: estimate + 1.96 * se,
  n,
  suppressed: false,
  reason: null,
});

const hidden: Estimate = {
  estimate: null,
  se: null,
  ciLow: null,
  ciHigh: null,
  n: null,
  suppressed: true,
  reason: 'Weniger als 5 Antworten – aus Datenschutzgründen nicht ausgewiesen.',
};

const group = (group: string, label: string, e: Estimate): GroupEstimate => ({ ...e, group, label });

export const DISTRICT_LABELS = [
  { group: '14511', label: 'Chemnitz' },
  { group: '14521', label: 'Erzgebirgskreis' },
  { group: '14522', label: 'Mittelsachsen' },
  { group: '14523', label: 'Vogtlandkreis' },
  { group: '14524', label: 'Zwickau' },
];

export const resultsFixture: WaveResults = {
  waveId: '0b7f4b8e-2f0a-4c1e-9a51-6f0d7c2b1a11',
  waveName: 'Frühjahr 2026',
  studyTitle: 'Resilienz in Südwestsachsen',
  weighted: true,
  opensOn: '2026-03-01',
  closesOn: '2026-04-15',
  n: 412,
  sample: { total: 418, byChannel: { online: 301, interview: 72, kiosk: 45 } },
  filters: {},
  excluded: [{ reason: 'Wohnort außerhalb der Region', count: 6 }],
  weights: { sum: 412, min: 0.41, max: 2.87, deff: 1.34, effectiveN: 307.5, iterations: 7, converged: true },
  weightingProblem: null,
  margins: {
    title: 'Bevölkerung 2017 nach Kreis, Geschlecht und Alter',
    source: 'Statistisches Landesamt des Freistaates Sachsen, Zensus-Fortschreibung 2017',
    licence: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    custom: false,
    variables: ['district', 'sex', 'age_band'],
  },
  minCell: 5,
  marginOfError: 5.6,
  indices: [
    {
      scale: 'resilience',
      title: 'Regionale Resilienz',
      min: 1,
      max: 5,
      overall: est(3.42, 0.05, 405),
      alpha: 0.81,
      change: {
        previousWaveId: '5d0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
        previousWaveName: 'Herbst 2025',
        previous: 3.31,
        difference: 0.11,
        se: 0.05,
        p: 0.028,
        significant: true,
      },
      groups: {
        district: [
          group('14511', 'Chemnitz', est(3.55, 0.09, 132)),
          group('14521', 'Erzgebirgskreis', est(3.31, 0.11, 88)),
          group('14522', 'Mittelsachsen', est(3.4, 0.12, 79)),
          group('14523', 'Vogtlandkreis', hidden),
          group('14524', 'Zwickau', est(3.28, 0.1, 104)),
        ],
        age_band: [
          group('16-29', '16 bis 29 Jahre', est(3.61, 0.14, 58)),
          group('30-49', '30 bis 49 Jahre', est(3.44, 0.08, 141)),
          group('50-64', '50 bis 64 Jahre', est(3.35, 0.09, 121)),
          group('65+', '65 Jahre und älter', est(3.3, 0.11, 85)),
        ],
        sex: [group('1', 'weiblich', est(3.38, 0.07, 211)), group('2', 'männlich', est(3.46, 0.07, 194))],
        automotive: [
          group('1', 'in der Autoindustrie', est(3.12, 0.12, 71)),
          group('0', 'nicht in der Autoindustrie', est(3.48, 0.05, 334)),
        ],
      },
    },
    {
      scale: 'trust',
      title: 'Vertrauen in Institutionen',
      min: 1,
      max: 5,
      overall: {
        estimate: 2.9,
        se: null,
        ciLow: null,
        ciHigh: null,
        n: 1,
        suppressed: false,
        reason: 'Nicht definiert (nur eine Antwort)',
      },
      alpha: null,
      change: null,
      groups: { district: [], age_band: [], sex: [], automotive: [] },
    },
  ],
  questions: [
    {
      name: 'zukunft',
      title: 'Wie blicken Sie in die Zukunft Ihrer Region?',
      type: 'radiogroup',
      n: 410,
      levels: [
        { ...est(0.18, 0.02, 74), code: 1, label: 'sehr zuversichtlich' },
        { ...est(0.44, 0.025, 180), code: 2, label: 'eher zuversichtlich' },
        { ...est(0.3, 0.023, 123), code: 3, label: 'eher besorgt' },
        { ...est(0.08, 0.014, 33), code: 4, label: 'sehr besorgt' },
      ],
    },
    {
      name: 'engagement',
      title: 'Wo engagieren Sie sich?',
      type: 'checkbox',
      n: 380,
      levels: [
        { ...est(0.31, 0.024, 118), code: 1, label: 'Verein' },
        { ...est(0.12, 0.017, 46), code: 2, label: 'Nachbarschaft' },
        { ...hidden, code: 3, label: 'Partei' },
      ],
    },
  ],
  groupLabels: {
    district: DISTRICT_LABELS,
    age_band: [
      { group: '16-29', label: '16 bis 29 Jahre' },
      { group: '30-49', label: '30 bis 49 Jahre' },
      { group: '50-64', label: '50 bis 64 Jahre' },
      { group: '65+', label: '65 Jahre und älter' },
    ],
    sex: [
      { group: '1', label: 'weiblich' },
      { group: '2', label: 'männlich' },
    ],
    automotive: [
      { group: '1', label: 'in der Autoindustrie' },
      { group: '0', label: 'nicht in der Autoindustrie' },
    ],
  },
  published: true,
  generatedAt: '2026-04-16T08:30:00.000Z',
};
