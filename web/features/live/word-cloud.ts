export interface CloudWord {
  text: string;
  count: number;
  /** Font size in rem. */
  size: number;
}

export interface CloudScale {
  minRem: number;
  maxRem: number;
}

/**
 * Sizes for a word cloud: most frequent first, font size growing with the logarithm of the count
 * (so one very frequent word does not shrink all others to nothing). Equal counts get equal sizes;
 * when every word was named once, all sit in the middle of the range.
 */
export function cloudWords(words: readonly { text: string; count: number }[], scale: CloudScale): CloudWord[] {
  const valid = words.filter((w) => w.count > 0 && w.text.trim() !== '');
  const max = valid.reduce((m, w) => Math.max(m, w.count), 0);
  const sorted = [...valid].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, 'de'));
  return sorted.map((w) => {
    const share = max <= 1 ? 0.5 : Math.log(w.count) / Math.log(max);
    const size = scale.minRem + (scale.maxRem - scale.minRem) * share;
    return { text: w.text, count: w.count, size: Math.round(size * 100) / 100 };
  });
}
