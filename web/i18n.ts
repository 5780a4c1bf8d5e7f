import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Only the chosen language is remembered in the browser; nothing personal. */
const STORAGE_KEY = 'itas.sprache';

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (value === 'de' || value === 'en') return value;
  } catch {
    // Storage can be blocked (private mode, strict settings): German is the default then.
  }
  return 'de';
}

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'de',
  supportedLngs: LANGUAGES,
  // React escapes every text it renders; escaping here as well would show entities.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnEmptyString: false,
});

function applyLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

applyLanguage(i18n.language);
i18n.on('languageChanged', (language) => {
  applyLanguage(language);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // See storedLanguage().
  }
});

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'de';
}

export default i18n;
