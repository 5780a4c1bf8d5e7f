import type { NumericColumn } from './columns.ts';

/**
 * Scale indices from the questionnaire's research metadata: a Likert item carries `scale` (the
 * index it belongs to) and `reverse` (reverse-coded). The index of a respondent is the mean of
 * the answered items after reverse coding, if at least `minAnswered` items were answered.
 */

/**
 * Answer codes that are no point on a scale: 98 „weiß nicht“, 99 „keine Angabe“ (the reserved
 * codes of the questionnaire rules, questionnaire/rules.ts).
 */
export const NON_SUBSTANTIVE_CODES: readonly number[] = [98, 99];

export interface ScaleItem {
  name: string;
  reverse: boolean;
}

export interface ScaleDefinition {
  scale: string;
  items: ScaleItem[];
  /** Lowest and highest substantive answer code (1 and 5 on a five-point scale). */
  min: number;
  max: number;
}

interface ElementLike {
  name?: unknown;
  scale?: unknown;
  reverse?: unknown;
  choices?: unknown;
  elements?: unknown;
  templateElements?: unknown;
}

/** Collects the scales of a questionnaire definition (pages, panels), in order of appearance. */
export function scalesOf(definition: unknown): ScaleDefinition[] {
  const scales = new Map<string, ScaleDefinition>();
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const raw of elements as ElementLike[]) {
      if (!raw || typeof raw !== 'object') continue;
      visit(raw.elements);
      visit(raw.templateElements);
      if (typeof raw.scale !== 'string' || raw.scale === '' || typeof raw.name !== 'string') continue;
      const codes = (Array.isArray(raw.choices) ? (raw.choices as unknown[]) : [])
        .map((c) => Number(c && typeof c === 'object' ? (c as { value?: unknown }).value : c))
        .filter((v) => Number.isFinite(v) && !NON_SUBSTANTIVE_CODES.includes(v));
      if (codes.length < 2) throw new Error(`Das Item „${raw.name}“ der Skala „${raw.scale}“ hat keine Skalenwerte.`);
      const min = Math.min(...codes);
      const max = Math.max(...codes);
      let def = scales.get(raw.scale);
      if (!def) {
        def = { scale: raw.scale, items: [], min, max };
        scales.set(raw.scale, def);
      } else if (def.min !== min || def.max !== max) {
        throw new Error(`Die Items der Skala „${raw.scale}“ haben unterschiedliche Wertebereiche.`);
      }
      def.items.push({ name: raw.name, reverse: raw.reverse === true });
    }
  };
  const pages = (definition as { pages?: { elements?: unknown }[] } | null)?.pages;
  if (Array.isArray(pages)) for (const page of pages) visit(page?.elements);
  return [...scales.values()];
}

/**
 * The index per respondent (NaN where fewer than `minAnswered` items are answered). Values outside
 * min..max (98, 99) count as not answered.
 */
export function scaleIndex(def: ScaleDefinition, columns: ReadonlyMap<string, NumericColumn>, minAnswered: number): NumericColumn {
  const cols = def.items.map((item) => {
    const col = columns.get(item.name);
    if (!col) throw new Error(`Für die Skala „${def.scale}“ fehlt die Spalte „${item.name}“.`);
    return { values: col.values, reverse: item.reverse };
  });
  if (!(minAnswered >= 1 && minAnswered <= cols.length)) {
    throw new Error(`Mindestzahl beantworteter Items für „${def.scale}“ muss zwischen 1 und ${cols.length} liegen.`);
  }
  const rows = cols[0]?.values.length ?? 0;
  const out = new Float64Array(rows);
  const flip = def.min + def.max;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    let answered = 0;
    for (const c of cols) {
      const v = c.values[i]!;
      if (!(v >= def.min && v <= def.max)) continue;
      sum += c.reverse ? flip - v : v;
      answered++;
    }
    out[i] = answered >= minAnswered ? sum / answered : NaN;
  }
  return { kind: 'numeric', name: def.scale, values: out };
}

/**
 * Cronbach's alpha (unweighted) of a scale over the respondents who answered all its items, after
 * reverse coding. `null` with fewer than 2 complete respondents or zero total variance.
 */
export function cronbachAlpha(
  def: ScaleDefinition,
  columns: ReadonlyMap<string, NumericColumn>,
): { alpha: number | null; n: number; items: number } {
  const k = def.items.length;
  const cols = def.items.map((item) => {
    const col = columns.get(item.name);
    if (!col) throw new Error(`Für die Skala „${def.scale}“ fehlt die Spalte „${item.name}“.`);
    return { values: col.values, reverse: item.reverse };
  });
  const rows = cols[0]?.values.length ?? 0;
  const flip = def.min + def.max;
  // Sums and sums of squares per item and of the total, shifted by the scale midpoint to keep
  // them small (no cancellation worth mentioning on a bounded scale).
  const mid = flip / 2;
  const s = new Float64Array(k);
  const ss = new Float64Array(k);
  let st = 0;
  let sst = 0;
  let n = 0;
  const row = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    let complete = true;
    for (let j = 0; j < k; j++) {
      const v = cols[j]!.values[i]!;
      if (!(v >= def.min && v <= def.max)) {
        complete = false;
        break;
      }
      row[j] = (cols[j]!.reverse ? flip - v : v) - mid;
    }
    if (!complete) continue;
    n++;
    let total = 0;
    for (let j = 0; j < k; j++) {
      s[j]! += row[j]!;
      ss[j]! += row[j]! * row[j]!;
      total += row[j]!;
    }
    st += total;
    sst += total * total;
  }
  if (n < 2 || k < 2) return { alpha: null, n, items: k };
  let itemVariance = 0;
  for (let j = 0; j < k; j++) itemVariance += (ss[j]! - (s[j]! * s[j]!) / n) / (n - 1);
  const totalVariance = (sst - (st * st) / n) / (n - 1);
  if (!(totalVariance > 0)) return { alpha: null, n, items: k };
  return { alpha: (k / (k - 1)) * (1 - itemVariance / totalVariance), n, items: k };
}
