/**
 * Small pieces the connection tabs and the account-wide VPN, Action links and Statistics screens share: byte
 * counts in human units, expiry inputs, and error messages placed on the field the validator or the server named
 * (times are ui/time-text.ts's).
 */
import type { ZodType } from 'zod'
import type { FormErrors } from '../../../ui/field-errors'
import { formErrors } from '../../../ui/field-errors'
import { uiLocale } from '../../../ui/locale'
import { isNoDate } from '../../../ui/time-text'

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** 1536 → "1.5 KB" (powers of 1024, the way traffic is usually billed and shown). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${value.toLocaleString(uiLocale(), { maximumFractionDigits: digits })} ${UNITS[unit]}`
}

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

/** Field errors keyed by the request field: `body.auth.login` and `auth.login.0` both land on `auth.login`. */
export function fieldErrors(err: unknown, fields: readonly string[]): FormErrors {
  const raw = formErrors(err)
  const out: Record<string, string> = {}
  const leftover: string[] = []
  for (const [name, message] of Object.entries(raw.fields)) {
    const path = name.replace(/^body\./, '')
    const match = [...fields].sort((a, b) => b.length - a.length).find((f) => path === f || path.startsWith(`${f}.`))
    if (match) out[match] ??= message
    else leftover.push(`${path}: ${message}`)
  }
  const form = [raw.form, ...leftover].filter(Boolean).join(' ')
  return form ? { fields: out, form } : { fields: out }
}

/** Checks a request body with its shared schema; the issues by field, or undefined when it is valid. */
export function validateBody(schema: ZodType, body: unknown, fields: readonly string[]): FormErrors | undefined {
  const result = schema.safeParse(body)
  if (result.success) return undefined
  const out: Record<string, string> = {}
  const leftover: string[] = []
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.')
    const match = [...fields].sort((a, b) => b.length - a.length).find((f) => path === f || path.startsWith(`${f}.`))
    if (match) out[match] ??= issue.message
    else leftover.push(path ? `${path}: ${issue.message}` : issue.message)
  }
  return leftover.length > 0 ? { fields: out, form: leftover.join(' ') } : { fields: out }
}

/** The form-level error line of a dialog. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null
  return (
    <p role="alert" className="form-error">
      {message}
    </p>
  )
}
