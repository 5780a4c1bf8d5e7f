/** "2026-04-30" → "30.04.2026" (German) or "30/04/2026" (English, en-GB): a calendar day, no time zone. */
export function formatDay(day: string, language: 'de' | 'en'): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}
