/**
 * Validators for the values the iProxy API takes: IP addresses, RFC 3339 dates, http(s) URLs and 5-field cron
 * expressions. Hand-written because shared code runs in the renderer too and cannot use node:net.
 */
const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const IPV4_RE = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`)
const HEX_GROUP_RE = /^[0-9a-fA-F]{1,4}$/

/** Dotted-quad IPv4 without leading zeros (Go's net.ParseIP rejects them, so the server would too). */
export function isIPv4(value: string): boolean {
  return IPV4_RE.test(value)
}

/** IPv6 in any textual form (`::` compression, embedded IPv4), without a zone. */
export function isIPv6(value: string): boolean {
  if (value.length < 2 || value.length > 45) return false
  let text = value
  if (value.includes('.')) {
    const lastColon = value.lastIndexOf(':')
    if (lastColon < 0 || !isIPv4(value.slice(lastColon + 1))) return false
    text = `${value.slice(0, lastColon + 1)}0:0` // an embedded IPv4 takes the room of two groups
  }
  const gap = text.indexOf('::')
  if (gap !== text.lastIndexOf('::')) return false
  if (gap < 0) {
    const groups = text.split(':')
    return groups.length === 8 && groups.every((g) => HEX_GROUP_RE.test(g))
  }
  const left = text.slice(0, gap)
  const right = text.slice(gap + 2)
  const groups = [...(left === '' ? [] : left.split(':')), ...(right === '' ? [] : right.split(':'))]
  return groups.length <= 7 && groups.every((g) => HEX_GROUP_RE.test(g))
}

export function isIpAddress(value: string): boolean {
  return isIPv4(value) || isIPv6(value)
}

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/

/** A full RFC 3339 date-time (`2026-01-01T01:01:01Z`, `2025-08-01T03:00:00+03:00`), calendar-checked. */
export function isRfc3339(value: string): boolean {
  const m = RFC3339_RE.exec(value)
  if (!m) return false
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  if (monthDays === undefined || day < 1 || day > monthDays) return false
  if (hour > 23 || minute > 59 || second > 60) return false
  return m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59)
}

/** `Date` → RFC 3339 in UTC, without a `.000` that adds nothing. */
export function toRfc3339(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z')
}

/** A host name that is this computer: localhost (and *.localhost), 127.0.0.0/8, ::1. Brackets of IPv6 URLs allowed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIPv4(host)) return host.startsWith('127.')
  return host === '::1'
}

/**
 * Why an iProxy API address may not be given the API key, or undefined when it may: https anywhere, plain http only
 * to this computer (the simulator, a local test server), since anyone on the way could read a key sent over http.
 * No user name or password in it either: they would be sent to the server along with the key.
 */
export function apiUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'is not a valid URL'
  }
  if (url.username || url.password) return 'must not contain a user name or password'
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? undefined : 'must start with https:// (plain http:// only for this computer: localhost, 127.0.0.1, ::1)'
  return 'must start with https://'
}

/** An API address in one spelling: no query or fragment, and a trailing slash (request paths are joined onto it). */
export function canonicalApiUrl(url: URL): URL {
  const canonical = new URL(url.href)
  canonical.search = ''
  canonical.hash = ''
  if (!canonical.pathname.endsWith('/')) canonical.pathname += '/'
  return canonical
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

interface CronField {
  name: string
  min: number
  max: number
  names?: readonly string[]
  /** `?` ("no specific value") is accepted in the day fields, as the common Go cron parsers do. */
  question?: boolean
}

const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], question: true },
]

function cronValue(text: string, field: CronField): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1
  if (index < 0) return undefined
  return field.name === 'month' ? index + 1 : index
}

function cronItemProblem(item: string, field: CronField): string | undefined {
  const [range = '', step, extra] = item.split('/')
  if (extra !== undefined) return `"${item}" in the ${field.name} field has more than one "/"`
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) {
    return `the step "${step}" in the ${field.name} field must be a whole number of at least 1`
  }
  if (range === '*' || (range === '?' && field.question && step === undefined)) return undefined
  const [startText = '', endText, more] = range.split('-')
  if (more !== undefined) return `"${range}" in the ${field.name} field is not a valid range`
  const start = cronValue(startText, field)
  const end = endText === undefined ? start : cronValue(endText, field)
  if (start === undefined || end === undefined) return `"${range}" is not a valid ${field.name} value`
  if (start < field.min || end > field.max) {
    return `"${range}" is out of range for the ${field.name} field (${field.min}–${field.max})`
  }
  if (start > end) return `the range "${range}" in the ${field.name} field goes backwards`
  return undefined
}

/** Why a string is not a standard 5-field cron expression, or `undefined` when it is one. */
export function describeCronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`
  for (const [i, part] of parts.entries()) {
    const field = CRON_FIELDS[i] as CronField
    for (const item of part.split(',')) {
      const problem = cronItemProblem(item, field)
      if (problem) return problem
    }
  }
  return undefined
}

export function isCronExpression(expression: string): boolean {
  return describeCronProblem(expression) === undefined
}
