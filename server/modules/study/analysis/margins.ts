/**
 * Population margins for raking: `{ column: { level: population total } }`, the format of
 * `itas analyze --margins`. Derived from the official table shipped in margins/ (see its README).
 */
export type Margins = Record<string, Record<string, number>>;

/** The shape of margins/population-2017-kreis-geschlecht-alter.json. */
export interface PopulationTable {
  title: string;
  source: string;
  licence: string;
  districts: Record<string, string>;
  age_bands: string[];
  cells: { ags: string; sex: string; age_band: string; population: number }[];
}

/**
 * The questionnaire's answer codes for the table's categories. The survey asks people aged 16 and
 * over; the table's band 15–24 stands in for 16–24 (see the table's notes). Younger bands are
 * outside the target population and left out.
 */
export const RESILIENZ_CODES = {
  sex: { m: '1', f: '2' } as Record<string, string>,
  age_band: { '15-24': '1', '25-44': '2', '45-64': '3', '65-84': '4', '85+': '5' } as Record<string, string>,
};

/**
 * Margins of district (AGS code = the questionnaire's code), sex and age band for the
 * Resilienz-Studie, in the questionnaire's codes. All three margins add up to the same total.
 */
export function resilienzMargins(table: PopulationTable): Margins {
  const margins: Margins = { district: {}, sex: {}, age_band: {} };
  const add = (variable: string, level: string, n: number) => {
    const m = margins[variable]!;
    m[level] = (m[level] ?? 0) + n;
  };
  for (const cell of table.cells) {
    const age = RESILIENZ_CODES.age_band[cell.age_band];
    if (age === undefined) continue;
    const sex = RESILIENZ_CODES.sex[cell.sex];
    if (sex === undefined) throw new Error(`Unbekanntes Geschlecht „${cell.sex}“ in der Bevölkerungstabelle.`);
    if (!(cell.ags in table.districts)) throw new Error(`Unbekannter Kreis „${cell.ags}“ in der Bevölkerungstabelle.`);
    add('district', cell.ags, cell.population);
    add('sex', sex, cell.population);
    add('age_band', age, cell.population);
  }
  return margins;
}
