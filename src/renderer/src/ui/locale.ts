import i18next from 'i18next'

/**
 * The interface language's locale, for dates and numbers. English as en-GB: day before month and a 24-hour clock,
 * like the UTC values shown on hover.
 */
export function uiLocale(language: string = i18next.language): string {
  return language === 'ru' ? 'ru-RU' : 'en-GB'
}
