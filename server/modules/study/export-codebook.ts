import type { CodebookRow } from './export-xlsx.ts';
import { META_VARIABLES, SAV_TEXT_BYTES, WEIGHT_COLUMN, WEIGHT_LABEL, type ExportVariable } from './export-variables.ts';

/**
 * The codebook of a wave's raw-data export: one entry per variable (type, German question text,
 * codes and labels, missing codes, scale membership), the scales with their items, and how the
 * weight was computed. As rows for the Excel sheet and as a printable HTML page. Pure.
 */

export interface CodebookInfo {
  studyTitle: string;
  waveName: string;
  waveCode: string;
  opensOn: string;
  closesOn: string;
  n: number;
  generatedOn: string;
  variables: ExportVariable[];
  weightMethod: string;
}

const MEASURE_DE = { nominal: 'nominal', ordinal: 'ordinal', scale: 'metrisch' } as const;
const KIND_DE = { code: 'Code (numerisch)', number: 'Zahl', text: 'Text' } as const;

export const MISSING_NOTE = 'leer = nicht beantwortet oder nicht gezeigt (SPSS: systemdefiniert fehlend)';
export const TEXT_NOTE = `Offene Antwort: in der SPSS-Datei auf ${SAV_TEXT_BYTES} Bytes (UTF-8, ganze Zeichen) gekürzt; vollständig in CSV und Excel.`;

const typeOf = (v: ExportVariable) => `${KIND_DE[v.kind]}, ${MEASURE_DE[v.measure]}`;

const codesOf = (v: ExportVariable) =>
  v.labels.map((l) => `${l.value} = ${l.text}`).join('; ') + (v.kind === 'text' && v.type !== 'matrix' ? TEXT_NOTE : '');

const missingOf = (v: ExportVariable) =>
  v.missing.length > 0
    ? `${v.missing.map((m) => `${m} = ${v.labels.find((l) => l.value === m)?.text ?? m}`).join('; ')} (in SPSS als fehlend deklariert)`
    : '';

/** Scales with their items (in questionnaire order) and reverse coding. */
export function scalesIn(variables: ExportVariable[]): { name: string; items: { name: string; label: string; reverse: boolean }[] }[] {
  const scales = new Map<string, { name: string; label: string; reverse: boolean }[]>();
  for (const v of variables) {
    if (!v.scale) continue;
    const items = scales.get(v.scale.name) ?? [];
    items.push({ name: v.name, label: v.label, reverse: v.scale.reverse });
    scales.set(v.scale.name, items);
  }
  return [...scales].map(([name, items]) => ({ name, items }));
}

export function codebookRows(variables: ExportVariable[], weightMethod: string): CodebookRow[] {
  const rows: CodebookRow[] = META_VARIABLES.map((m) => [m.header, m.label, 'Text', '', '']);
  for (const v of variables) {
    const scale = v.scale ? ` (Skala ${v.scale.name}${v.scale.reverse ? ', umgepolt' : ''})` : '';
    rows.push([v.name, v.label + scale, typeOf(v), codesOf(v), missingOf(v)]);
  }
  rows.push([WEIGHT_COLUMN, `${WEIGHT_LABEL}. ${weightMethod}`, 'Zahl, metrisch', '', 'leer = nicht gewichtbar']);
  return rows;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text (questionnaire texts are user input). */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:2rem;color:#111;line-height:1.4}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #999;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}code{font-family:ui-monospace,monospace}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
ul.codes{margin:0;padding-left:1rem}
@media print{body{margin:0;font-size:10pt}@page{size:A4;margin:15mm}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit}}
`;

const codesHtml = (v: ExportVariable) => {
  const items = v.labels.map((l) => `<li><code>${escapeHtml(l.value)}</code> = ${escapeHtml(l.text)}</li>`).join('');
  const note = v.kind === 'text' && v.type !== 'matrix' ? `<p>${escapeHtml(TEXT_NOTE)}</p>` : '';
  return (items ? `<ul class="codes">${items}</ul>` : '') + note;
};

/** The codebook as a self-contained, printable German HTML page. */
export function codebookHtml(info: CodebookInfo): string {
  const title = `Codebuch: ${info.studyTitle} – ${info.waveName}`;
  const variableRows = [
    ...META_VARIABLES.map(
      (m) => `<tr><td><code>${escapeHtml(m.header)}</code></td><td>Text</td><td>${escapeHtml(m.label)}</td><td></td><td></td></tr>`,
    ),
    ...info.variables.map((v) => {
      const scale = v.scale ? `<br><small>Skala ${escapeHtml(v.scale.name)}${v.scale.reverse ? ', umgepolt' : ''}</small>` : '';
      return (
        `<tr><td><code>${escapeHtml(v.name)}</code></td><td>${escapeHtml(typeOf(v))}</td>` +
        `<td>${escapeHtml(v.label)}${scale}</td><td>${codesHtml(v)}</td><td>${escapeHtml(missingOf(v))}</td></tr>`
      );
    }),
    `<tr><td><code>${WEIGHT_COLUMN}</code></td><td>Zahl, metrisch</td><td>${escapeHtml(WEIGHT_LABEL)}</td><td></td><td>leer = nicht gewichtbar</td></tr>`,
  ].join('\n');
  const scales = scalesIn(info.variables)
    .map(
      (s) =>
        `<h3>${escapeHtml(s.name)}</h3><ul>` +
        s.items
          .map(
            (i) => `<li><code>${escapeHtml(i.name)}</code> ${escapeHtml(i.label)}${i.reverse ? ' <strong>(umgepolt)</strong>' : ''}</li>`,
          )
          .join('') +
        '</ul>',
    )
    .join('\n');
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<dl>
<dt>Studie</dt><dd>${escapeHtml(info.studyTitle)}</dd>
<dt>Welle</dt><dd>${escapeHtml(info.waveName)} (<code>${escapeHtml(info.waveCode)}</code>)</dd>
<dt>Feldzeit</dt><dd>${escapeHtml(info.opensOn)} bis ${escapeHtml(info.closesOn)}</dd>
<dt>Antworten (n)</dt><dd>${info.n.toLocaleString('de-DE')}</dd>
<dt>Erstellt am</dt><dd>${escapeHtml(info.generatedOn)}</dd>
</dl>
<h2>Fehlende Werte</h2>
<p>${escapeHtml(MISSING_NOTE)}. Die Codes 98 („weiß nicht“) und 99 („keine Angabe“) sind in der SPSS-Datei als benutzerdefiniert fehlend deklariert, in CSV und Excel stehen sie als Zahl.</p>
<h2>Variablen</h2>
<table>
<thead><tr><th>Variable</th><th>Typ / Messniveau</th><th>Fragetext</th><th>Codes und Labels</th><th>Fehlende Werte</th></tr></thead>
<tbody>
${variableRows}
</tbody>
</table>
<h2>Skalen</h2>
${scales || '<p>Der Fragebogen definiert keine Skalen.</p>'}
<h2>Gewicht</h2>
<p><code>${WEIGHT_COLUMN}</code>: ${escapeHtml(info.weightMethod)}</p>
</body>
</html>
`;
}
