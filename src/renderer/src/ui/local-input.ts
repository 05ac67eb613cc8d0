/** Between RFC 3339 dates and the local-time value of an `<input type="datetime-local">` (expiry and range inputs). */
import { isNoDate } from './time-text'

/** `<input type="datetime-local">` value (local time) for an RFC 3339 date; '' for no date. */
export function toLocalInput(value: string | undefined): string {
  if (!value || isNoDate(value)) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The RFC 3339 (UTC) value of a datetime-local input; undefined when empty or unreadable. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
