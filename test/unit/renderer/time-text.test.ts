/**
 * ui/time-text.ts: every time on screen is the local time in the interface's language, with the UTC value on hover;
 * the API's "no date" and unreadable values never show as a date.
 */
import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXPIRES_AT_NEVER } from '../../../src/shared/iproxy'
import { en } from '../../../src/renderer/src/i18n/en'
import { ru } from '../../../src/renderer/src/i18n/ru'
import { DATE_TIME, durationText, isNoDate, localTimeText, relativeTimeText, timeMs, TIME_OF_DAY, utcText } from '../../../src/renderer/src/ui/time-text'

// The app's own catalogues on the same i18next instance time-text.ts uses (i18n/index.ts needs a browser).
beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, ru: { translation: ru } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } })
})

const ISO = '2026-03-04T05:06:07Z'
const MS = Date.parse(ISO)
const inZone = (options: Intl.DateTimeFormatOptions, locale: string) => new Intl.DateTimeFormat(locale, options).format(MS)

describe('ui/time', () => {
  it('formats RFC 3339 text and epoch milliseconds alike, in the language asked for', () => {
    for (const options of [DATE_TIME, TIME_OF_DAY]) {
      expect(localTimeText(ISO, options, 'en')).toBe(inZone(options, 'en-GB'))
      expect(localTimeText(MS, options, 'en')).toBe(inZone(options, 'en-GB'))
      expect(localTimeText(ISO, options, 'ru')).toBe(inZone(options, 'ru-RU'))
    }
    // A fresh options object with the same style gives the same text.
    expect(localTimeText(ISO, { ...DATE_TIME }, 'ru')).toBe(inZone(DATE_TIME, 'ru-RU'))
    expect(localTimeText(ISO, DATE_TIME, 'en')).not.toBe(localTimeText(ISO, DATE_TIME, 'ru'))
  })

  it('gives the UTC value for the hover title', () => {
    expect(utcText(ISO)).toBe('2026-03-04 05:06:07 UTC')
    expect(utcText(MS)).toBe('2026-03-04 05:06:07 UTC')
  })

  it('treats absent, unreadable and the API\'s "no date" values as no time, and shows unreadable text as it is', () => {
    for (const value of [undefined, '', EXPIRES_AT_NEVER, '0001-01-01T00:00:00.000Z']) {
      expect(isNoDate(value)).toBe(true)
      expect(timeMs(value)).toBeUndefined()
    }
    expect(isNoDate(ISO)).toBe(false)
    expect(timeMs('soon')).toBeUndefined()
    expect(timeMs(Number.NaN)).toBeUndefined()
    expect(timeMs(ISO)).toBe(MS)
    expect(localTimeText('soon')).toBe('soon')
    expect(utcText('soon')).toBe('soon')
  })
})

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

describe('relative times in lists', () => {
  it('says how long ago or how long until, in the largest whole unit, "just now" within a minute', () => {
    expect(relativeTimeText(MS - 2 * MIN, MS, 'en')).toBe('2 min ago')
    expect(relativeTimeText(MS - 3 * HOUR - 59 * MIN, MS, 'en')).toBe('3 h ago')
    expect(relativeTimeText(MS - DAY, MS, 'en')).toBe('1 day ago')
    expect(relativeTimeText(MS + 5 * DAY + HOUR, MS, 'en')).toBe('in 5 days')
    expect(relativeTimeText(ISO, MS + 30_000, 'en')).toBe('just now')
    expect(relativeTimeText('soon', MS, 'en')).toBe('soon')
    expect(durationText(3 * HOUR, 'en')).toBe('3 h')
    expect(durationText(20_000, 'en')).toBe('less than a minute')
  })

  it('uses Russian plural forms: 1 день, 2 дня, 5 дней, 21 день', () => {
    expect(relativeTimeText(MS - DAY, MS, 'ru')).toBe('1 день назад')
    expect(relativeTimeText(MS - 2 * DAY, MS, 'ru')).toBe('2 дня назад')
    expect(relativeTimeText(MS - 5 * DAY, MS, 'ru')).toBe('5 дней назад')
    expect(relativeTimeText(MS - 21 * DAY, MS, 'ru')).toBe('21 день назад')
    expect(relativeTimeText(MS + 11 * DAY, MS, 'ru')).toBe('через 11 дней')
    expect(relativeTimeText(MS - 2 * MIN, MS, 'ru')).toBe('2 мин назад')
    expect(relativeTimeText(MS, MS, 'ru')).toBe('только что')
  })
})
