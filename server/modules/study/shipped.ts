import { readFileSync } from 'node:fs';

/** The questionnaire "Resilienz-Studie Südwestsachsen" that ships with the platform (German and English). */
export function shippedQuestionnaire(): object {
  return JSON.parse(readFileSync(new URL('./questionnaires/resilienz-studie-suedwestsachsen.json', import.meta.url), 'utf8')) as object;
}

export const DEMO_WAVE_CODE = 'resilienz2026';

export const CONSENT = {
  de: [
    'Die Befragung ist freiwillig und anonym. Wir speichern weder Ihren Namen noch Ihre IP-Adresse, und Ihre Antworten lassen sich nicht mit Ihrer Person verbinden.',
    'Ihre Antworten werden nur zusammengefasst ausgewertet; Ergebnisse für Gruppen mit weniger als fünf Antworten veröffentlichen wir nicht.',
    'Sie können jederzeit abbrechen. Bis zum Absenden bleiben Ihre Antworten nur in diesem Browserfenster.',
    'Verantwortlich: das Konsortium der Initiative Transformation Automobilregion Südwestsachsen (ITAS).',
  ].join('\n'),
  en: [
    'Taking part is voluntary and anonymous. We store neither your name nor your IP address, and your answers cannot be linked to you.',
    'Your answers are only analysed in aggregate; we do not publish results for groups with fewer than five answers.',
    'You can stop at any time. Until you send them, your answers stay in this browser tab only.',
    'Responsible: the consortium of the Initiative Transformation Automobilregion Südwestsachsen (ITAS).',
  ].join('\n'),
};
