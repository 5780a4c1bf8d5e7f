/**
 * A coarse label for the session list ("Firefox · Windows"), so people recognise their devices.
 * Only this label is stored, never the full user-agent string. Hand-written: a full UA parser
 * library would be far more than these two questions need.
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /(Chrome|Chromium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '';
  const os = /Android/.test(ua)
    ? 'Android'
    : /(iPhone|iPad)/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  const label = [browser, os].filter(Boolean).join(' · ');
  return label || 'Unbekanntes Gerät';
}
