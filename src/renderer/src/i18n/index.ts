/**
 * All user-visible text goes through i18next. English is the reference; Russian is complete. The chosen language
 * is remembered in the renderer's local storage (a display preference, nothing secret).
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { UiLanguage } from '../../../shared/bridge'
import { en } from './en'
import { ru } from './ru'

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ru', label: 'Русский' },
] as const satisfies ReadonlyArray<{ code: UiLanguage; label: string }>
export type LanguageCode = UiLanguage

const STORAGE_KEY = 'iproxy.language'

function initialLanguage(): LanguageCode {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'ru') return saved
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en'
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export function setLanguage(code: LanguageCode): void {
  localStorage.setItem(STORAGE_KEY, code)
  void i18next.changeLanguage(code)
}

export default i18next

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
  }
}
