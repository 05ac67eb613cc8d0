/**
 * ui/time-text.ts: every time on screen is the local time in the interface's language, with the UTC value on hover;
 * the API's "no date" and unreadable values never show as a date.
 */
import { describe, expect, it } from 'vitest'
import { EXPIRES_AT_NEVER } from '../../../src/shared/iproxy'
import { DATE_TIME, isNoDate, localTimeText, SHORT_DATE_TIME, timeMs, TIME_OF_DAY, utcText } from '../../../src/renderer/src/ui/time-text'

const ISO = '2026-03-04T05:06:07Z'
const MS = Date.parse(ISO)
const inZone = (options: Intl.DateTimeFormatOptions, locale: string) => new Intl.DateTimeFormat(locale, options).format(MS)

describe('ui/time', () => {
  it('formats RFC 3339 text and epoch milliseconds alike, in the language asked for', () => {
    for (const options of [DATE_TIME, SHORT_DATE_TIME, TIME_OF_DAY]) {
      expect(localTimeText(ISO, options, 'en')).toBe(inZone(options, 'en-GB'))
      expect(localTimeText(MS, options, 'en')).toBe(inZone(options, 'en-GB'))
      expect(localTimeText(ISO, options, 'ru')).toBe(inZone(options, 'ru-RU'))
    }
    // A fresh options object with the same style gives the same text.
    expect(localTimeText(ISO, { ...SHORT_DATE_TIME }, 'ru')).toBe(inZone(SHORT_DATE_TIME, 'ru-RU'))
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
