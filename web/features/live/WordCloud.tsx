import { useTranslation } from 'react-i18next';
import { cloudWords, type CloudScale } from './word-cloud.ts';

/**
 * Hand-written word cloud: words as text in a wrapping flex row, sized by frequency. A canvas
 * library would draw pixels that screen readers cannot read; this stays text (React escapes it).
 */
export function WordCloud({ words, scale, label }: { words: { text: string; count: number }[]; scale: CloudScale; label: string }) {
  const { t } = useTranslation();
  const cloud = cloudWords(words, scale);
  if (cloud.length === 0) return <p className="live-empty">{t('live.results.noWords')}</p>;
  return (
    <ul className="live-cloud" aria-label={label}>
      {cloud.map((w) => (
        <li key={w.text} style={{ fontSize: `${w.size}rem` }} dir="auto">
          {w.text}
          <span className="visually-hidden"> ({t('live.results.mentions', { count: w.count })})</span>
        </li>
      ))}
    </ul>
  );
}
