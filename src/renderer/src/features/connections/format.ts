/** Times as the user reads them (local time) with the UTC value for the hover title; plan days left. */
import i18next from 'i18next'

const DAY_MS = 24 * 60 * 60 * 1000
const formats = new Map<string, Intl.DateTimeFormat>()

function localFormat(): Intl.DateTimeFormat {
  const language = i18next.language || 'en'
  let format = formats.get(language)
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' })
    formats.set(language, format)
  }
  return format
}

/** Milliseconds since the epoch, or undefined for a missing or unreadable time. */
export function parseTime(iso: string | undefined): number | undefined {
  if (!iso) return undefined
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : ms
}

export function localTime(ms: number): string {
  return localFormat().format(ms)
}

/** "2026-01-02 03:04:05 UTC": shown on hover next to every local time. */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** Whole days from `now` until `expiresAt`, rounded up; 0 or less once it has expired. */
export function daysLeft(expiresAt: number, now: number): number {
  return Math.ceil((expiresAt - now) / DAY_MS)
}

/** A plan with this many days left or fewer is shown as expiring soon. */
export const EXPIRING_SOON_DAYS = 3
