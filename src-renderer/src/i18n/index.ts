import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../src-preload/contract/api';
import { nl } from './nl';
import { en } from './en';

export const i18n = i18next.createInstance();

export async function initI18n(language: Language): Promise<void> {
  if (i18n.isInitialized) return changeLanguage(language);
  await i18n.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: language,
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
    returnObjects: false,
  });
  applyDocumentLanguage(language);
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  applyDocumentLanguage(language);
}

function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}
