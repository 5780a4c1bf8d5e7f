/**
 * Name search at the door: "Jurgen" finds "Jürgen", "lukasz zolc" finds "Łukasz Żółć", and
 * "gross" finds "Groß". Every word typed must appear in the name or the organisation.
 */

// Letters that Unicode does not decompose into base letter + accent (NFD leaves them whole).
const FOLD: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ı: 'i',
  þ: 'th',
};

/** Lower case without accents and with folded special letters; runs of spaces and dashes become one space. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßẞłŁøØđĐæÆœŒıþ]/g, (c) => FOLD[c] ?? c)
    .toLowerCase()
    .replace(/[\s\-‐‑–—_.,;:'"’()]+/g, ' ')
    .trim();
}

export interface Searchable {
  name: string;
  organisation: string;
}

/** People whose name or organisation contains every word of the query, names starting with the query first. */
export function searchPeople<T extends Searchable>(people: readonly T[], query: string, limit = 20): T[] {
  const words = normalizeForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const scored: { person: T; rank: number; key: string }[] = [];
  for (const person of people) {
    const name = normalizeForSearch(person.name);
    const haystack = `${name} ${normalizeForSearch(person.organisation)}`;
    if (!words.every((w) => haystack.includes(w))) continue;
    const nameWords = name.split(' ');
    const rank = words.every((w) => nameWords.some((n) => n.startsWith(w))) ? 0 : words.every((w) => name.includes(w)) ? 1 : 2;
    scored.push({ person, rank, key: name });
  }
  scored.sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key, 'de'));
  return scored.slice(0, limit).map((s) => s.person);
}
