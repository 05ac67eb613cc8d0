/**
 * Times as the user reads them: local time in the interface's language, and the UTC value shown on hover; in
 * lists, how long ago ("2 min ago") or how long for ("3 h"). The one place the renderer formats a time (lists,
 * tabs, notices, charts, health results); LocalTime.tsx puts one on screen.
 */
import i18next from 'i18next'
import { EXPIRES_AT_NEVER } from '../../../shared/iproxy'
import { uiLocale } from './locale'

/** A time: RFC 3339 text (as the API writes it) or milliseconds since the epoch. */
export type TimeValue = string | number

/**
 * Date and time in words: "28 Nov 2026, 15:04". The one date format of the app (a numeric "05/12/2026" reads as
 * May or December depending on the reader); dense lists show a relative time instead, with this on hover.
 */
export const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }
/** The time of day only, for things that happened today: "15:04:05". */
export const TIME_OF_DAY: Intl.DateTimeFormatOptions = { timeStyle: 'medium' }

/** Formatters are costly to make and a list shows thousands of times: one per locale and style. */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = uiLocale(language)
  // By value, not by object: callers may pass a fresh options literal on every call.
  const key = `${locale} ${JSON.stringify(options)}`
  let format = formatters.get(key)
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)))
  return format
}

/** True for an absent value and for the API's "no date" marker (0001-01-01: never expires, never happened). */
export function isNoDate(value: string | undefined): boolean {
  return !value || value === EXPIRES_AT_NEVER || value.startsWith('0001-01-01')
}

/** Milliseconds since the epoch; undefined for no date (see isNoDate) or an unreadable one. */
export function timeMs(value: TimeValue | undefined): number | undefined {
  if (typeof value !== 'number' && isNoDate(value)) return undefined
  const ms = typeof value === 'number' ? value : Date.parse(value as string)
  return Number.isFinite(ms) ? ms : undefined
}

/** The local time in words, or the value itself when it is not a time. */
export function localTimeText(value: TimeValue, options: Intl.DateTimeFormatOptions = DATE_TIME, language = i18next.language): string {
  const ms = timeMs(value)
  return ms === undefined ? String(value) : formatter(language, options).format(ms)
}

/** "2026-01-02 03:04:05 UTC", or the value itself when it is not a time. */
export function utcText(value: TimeValue): string {
  const ms = timeMs(value)
  return ms === undefined ? String(value) : `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * A length of time in its largest whole unit, rounded down: "3 h", "2 min", "5 days" ("5 дней"); under a minute,
 * "less than a minute". Plurals come from i18next's rules for the language (Russian has three forms).
 */
export function durationText(ms: number, language = i18next.language): string {
  const span = Math.max(0, ms)
  const lng = language
  if (span >= DAY) return i18next.t('time.days', { count: Math.floor(span / DAY), lng })
  if (span >= HOUR) return i18next.t('time.hours', { count: Math.floor(span / HOUR), lng })
  if (span >= MINUTE) return i18next.t('time.minutes', { count: Math.floor(span / MINUTE), lng })
  return i18next.t('time.underAMinute', { lng })
}

/** "2 min ago", "in 3 days", "just now" (within a minute either way); the value itself when it is not a time. */
export function relativeTimeText(value: TimeValue, now = Date.now(), language = i18next.language): string {
  const ms = timeMs(value)
  if (ms === undefined) return String(value)
  const diff = now - ms
  if (Math.abs(diff) < MINUTE) return i18next.t('time.justNow', { lng: language })
  const duration = durationText(Math.abs(diff), language)
  return diff > 0 ? i18next.t('time.ago', { duration, lng: language }) : i18next.t('time.in', { duration, lng: language })
}
