/**
 * One proxy line or one CSV/JSON row → a `ParsedProxy`, for `parseProxyLines` (proxy-lines-parser.ts).
 *
 * Speed (100,000 lines in well under 300 ms): the checks return `null` (or -1 / false) after `fail` recorded why,
 * instead of throwing, and work on indexes into the text rather than on intermediate slices and objects.
 */
import type { ParsedProxy, ProxyService, RejectReason, RejectedLine } from './proxy-lines-parser'

// ---------------------------------------------------------------------------------------------------------
// One line
// ---------------------------------------------------------------------------------------------------------

/** Why the last check failed: set by `fail`, read by the caller that got `null` (or -1). */
let failReason: RejectReason = 'bad_host'
let failMessage = ''

function fail(reason: RejectReason, message: string): null {
  failReason = reason
  failMessage = message
  return null
}

function refuse(reason: RejectReason, message: string): false {
  fail(reason, message)
  return false
}

/** The rejection for the last `null` a parse function returned. */
export function failed(line: string, lineNumber: number): RejectedLine {
  return { line, lineNumber, reason: failReason, message: failMessage }
}

const SCHEMES: Record<string, ProxyService> = { http: 'http', socks5: 'socks5', socks5h: 'socks5', socks: 'socks5' }
const IPV6_RE = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/
const PORT_RE = /^\d{1,5}$/

export const isDigit = (c: number): boolean => c >= 48 && c <= 57
export const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90)

/** Same as /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/. */
function hostnameShaped(s: string): boolean {
  const n = s.length
  if (n === 0 || n > 253) return false
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (isLetter(c) || isDigit(c) || c === 95 || (i > 0 && (c === 46 || c === 45))) continue
    return false
  }
  return true
}

/** Same as /^[0-9A-Fa-f:.]+$/ plus ("::" or at least 7 colons): an IPv6 address written without brackets. */
function bareIpv6(s: string): boolean {
  const n = s.length
  if (n === 0) return false
  let colons = 0
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c === 58) colons++
    else if (!(isHex(c) || c === 46)) return false
  }
  return colons >= 7 || s.includes('::')
}

/** Same as /^(?:\[[^\]@]*\]|[^:@[\]]+):\d{1,5}(?::|$)/: the text starts with a host and a port. */
function startsWithHostPort(s: string): boolean {
  const n = s.length
  let i = 0
  if (s.charCodeAt(0) === 91) {
    for (i = 1; i < n; i++) {
      const c = s.charCodeAt(i)
      if (c === 93 || c === 64) break
    }
    if (s.charCodeAt(i) !== 93) return false
    i++
  } else {
    for (; i < n; i++) {
      const c = s.charCodeAt(i)
      if (c === 58 || c === 64 || c === 91 || c === 93) break
    }
    if (i === 0) return false
  }
  if (s.charCodeAt(i) !== 58) return false
  const digits = ++i
  while (i < n && isDigit(s.charCodeAt(i))) i++
  return i - digits >= 1 && i - digits <= 5 && (i === n || s.charCodeAt(i) === 58)
}

/** Length of a leading `scheme://` (same as /^([A-Za-z][A-Za-z0-9+.-]*):\/\//), or 0. */
function schemeLength(s: string): number {
  if (!isLetter(s.charCodeAt(0))) return 0
  let i = 1
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!(isLetter(c) || isDigit(c) || c === 43 || c === 46 || c === 45)) break
  }
  return s.charCodeAt(i) === 58 && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 47 ? i + 3 : 0
}

function checkHost(host: string): string | null {
  if (host === '') return fail('bad_host', 'The host is empty.')
  if (host.includes(':')) {
    if (!IPV6_RE.test(host) || host.split(':').length < 3) return fail('bad_host', `"${host}" is not a valid IPv6 address.`)
    return host
  }
  if (!hostnameShaped(host) || host.includes('..') || host.endsWith('-')) return fail('bad_host', `"${host}" is not a valid host name or IP address.`)
  return host
}

/** The port in text[start, end), or -1 after `fail`. */
function checkPort(text: string, start: number, end: number): number {
  if (start === end) {
    fail('missing_port', 'The port is missing (expected host:port).')
    return -1
  }
  let port = 0
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9 || i - start >= 5) {
      fail('bad_port', `"${text.slice(start, end)}" is not a port number (1–65535).`)
      return -1
    }
    port = port * 10 + d
  }
  if (port < 1 || port > 65535) {
    fail('bad_port', `Port ${port} is out of range (1–65535).`)
    return -1
  }
  return port
}

/** What `splitHostPort` read: the host, the port, and where the text after the port starts (its ":"), or -1. */
let foundHost = ''
let foundPort = 0
let restAt = -1

/** `host:port` at text[from...], followed by nothing or by ":" and more (at `restAt`). False after `fail`. */
function splitHostPort(text: string, from: number): boolean {
  let host: string
  let portStart: number
  if (text.charCodeAt(from) === 91) {
    const end = text.indexOf(']', from)
    if (end < 0) return refuse('bad_host', 'The "[" of an IPv6 address is never closed.')
    host = text.slice(from + 1, end)
    if (!host.includes(':')) return refuse('bad_host', `"[${host}]" is not an IPv6 address.`)
    if (end + 1 === text.length) return refuse('missing_port', 'The port is missing (expected [IPv6]:port).')
    if (text.charCodeAt(end + 1) !== 58) return refuse('bad_host', 'Expected ":" and a port after "]".')
    portStart = end + 2
  } else {
    const colon = text.indexOf(':', from)
    if (colon < 0) return refuse('missing_port', 'The port is missing (expected host:port).')
    host = text.slice(from, colon)
    portStart = colon + 1
  }
  const next = text.indexOf(':', portStart)
  const checked = checkHost(host)
  if (checked === null) return false
  const port = checkPort(text, portStart, next < 0 ? text.length : next)
  if (port < 0) return false
  foundHost = checked
  foundPort = port
  restAt = next
  return true
}

function decodeMaybe(value: string): string {
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** True (after `fail`) when a login comes without a password or a password without a login. */
function badCredentials(login: string, password: string | undefined): boolean {
  if (password === undefined) fail('missing_password', 'A login is given without a password (expected login:password).')
  else if (login === '') fail('missing_login', 'The password is given without a login (expected login:password).')
  else return false
  return true
}

function withCredentials(host: string, port: number, login: string, password: string | undefined): ParsedProxy | null {
  if (badCredentials(login, password)) return null
  return { lineNumber: 0, host, port, login, password }
}

/** One line (already trimmed, not blank, not a comment); `null` after `fail`. */
export function parseLine(line: string): ParsedProxy | null {
  let text = line
  let service: ProxyService | undefined
  if (line.includes('://')) {
    const length = schemeLength(line)
    if (length > 0) {
      const name = line.slice(0, length - 3)
      const known = SCHEMES[name.toLowerCase()]
      if (!known) return fail('unsupported_scheme', `"${name}://" is not a proxy scheme this app reads (use http:// or socks5://).`)
      service = known
      let end = line.length
      while (end > length && line.charCodeAt(end - 1) === 47) end--
      text = line.slice(length, end)
    }
  }
  const parsed = readAddressAndCredentials(text, service !== undefined)
  if (parsed && service) parsed.service = service
  return parsed
}

function readAddressAndCredentials(text: string, hasScheme: boolean): ParsedProxy | null {
  const at = text.lastIndexOf('@')
  if (at < 0) return parseHostFirst(text)
  // No scheme and an "@": host:port:login:password (whose login or password holds the "@") when it starts with
  // a host and a port, otherwise login:password@host:port.
  if (!hasScheme && startsWithHostPort(text)) {
    const parsed = parseHostFirst(text)
    if (parsed) return parsed
  }
  return parseUserinfoForm(text, at, hasScheme) ?? parseHostPortFirstUserinfo(text, hasScheme)
}

/**
 * host:port@login:password, the other way round (an export format of some providers), tried only when
 * login:password@host:port did not fit. When the text before the "@" is no host:port, `null` keeps that form's
 * failure, which names what was expected.
 */
function parseHostPortFirstUserinfo(text: string, decode: boolean): ParsedProxy | null {
  const at = text.indexOf('@')
  const address = text.slice(0, at)
  if (!startsWithHostPort(address)) return null
  // It starts with a host and a port: that is what was meant, so its own failure is the one to report.
  if (!splitHostPort(address, 0)) return null
  if (restAt >= 0) return fail('too_many_fields', 'Unexpected text after the port (expected host:port@login:password).')
  const credentials = text.slice(at + 1)
  const colon = credentials.indexOf(':')
  const login = colon < 0 ? credentials : credentials.slice(0, colon)
  const password = colon < 0 ? undefined : credentials.slice(colon + 1)
  return withCredentials(foundHost, foundPort, decode ? decodeMaybe(login) : login, password === undefined ? undefined : decode ? decodeMaybe(password) : password)
}

/** login:password@host:port (URL userinfo when a scheme was given: percent-decoded). */
function parseUserinfoForm(text: string, at: number, decode: boolean): ParsedProxy | null {
  if (!splitHostPort(text, at + 1)) return null
  if (restAt >= 0) return fail('too_many_fields', 'Unexpected text after the port (expected login:password@host:port).')
  let colon = text.indexOf(':')
  if (colon >= at) colon = -1
  const rawLogin = colon < 0 ? text.slice(0, at) : text.slice(0, colon)
  const rawPassword = colon < 0 ? undefined : text.slice(colon + 1, at)
  return withCredentials(foundHost, foundPort, decode ? decodeMaybe(rawLogin) : rawLogin, rawPassword === undefined ? undefined : decode ? decodeMaybe(rawPassword) : rawPassword)
}

/** host:port, host:port:login:password, or login:password:host:port. */
function parseHostFirst(text: string): ParsedProxy | null {
  if (text.charCodeAt(0) !== 91 && bareIpv6(text)) return fail('ipv6_needs_brackets', 'An IPv6 address must be in brackets, e.g. [2001:db8::1]:8080.')
  if (!splitHostPort(text, 0)) {
    if (text.charCodeAt(0) === 91) return null
    // login:password:host:port, a common variant: the last two fields are a host and a port.
    const fields = text.split(':')
    const last = fields[fields.length - 1] ?? ''
    const hostField = fields[fields.length - 2] ?? ''
    if (fields.length >= 4 && PORT_RE.test(last) && hostnameShaped(hostField)) {
      const host = checkHost(hostField)
      if (host === null) return null
      const port = checkPort(last, 0, last.length)
      if (port < 0) return null
      return withCredentials(host, port, fields[0] ?? '', fields.slice(1, -2).join(':'))
    }
    return null // with the failure splitHostPort recorded
  }
  if (restAt < 0) return { lineNumber: 0, host: foundHost, port: foundPort }
  // host:port:login:password (a password may itself contain ":" when pasted from elsewhere).
  const colon = text.indexOf(':', restAt + 1)
  return withCredentials(foundHost, foundPort, colon < 0 ? text.slice(restAt + 1) : text.slice(restAt + 1, colon), colon < 0 ? undefined : text.slice(colon + 1))
}

// ---------------------------------------------------------------------------------------------------------
// One CSV/JSON row
// ---------------------------------------------------------------------------------------------------------

/** The fields `fromRow` reads, in the order of its `values` argument. */
export const ROW_FIELDS = ['hostname', 'host', 'ip', 'port', 'service', 'login', 'password', 'proxy_id', 'connection_id', 'connection_name', 'auth_type', 'expires_at', 'description'] as const
export const ROW_FIELD_COUNT = ROW_FIELDS.length

/**
 * A CSV/JSON row: `values[i]` is the row's `ROW_FIELDS[i]` (undefined when the row has no such field).
 * `null` after `fail`.
 */
export function fromRow(values: ReadonlyArray<string | undefined>): ParsedProxy | null {
  const hostname = trimmed(values[0] ?? values[1] ?? '')
  const host = checkHost(hostname || trimmed(values[2] ?? ''))
  if (host === null) return null
  const portText = trimmed(values[3] ?? '')
  const port = checkPort(portText, 0, portText.length)
  if (port < 0) return null
  // The two services this app writes are taken without a lookup, and kept as the literals rather than the text
  // read: one string for every row instead of one per row.
  const serviceValue = values[4]
  const serviceText = serviceValue === 'socks5' || serviceValue === 'http' ? serviceValue : trimmed(serviceValue ?? '').toLowerCase()
  const service = serviceText === 'socks5' ? 'socks5' : serviceText === 'http' ? 'http' : serviceText ? SCHEMES[serviceText] : undefined
  if (serviceText && !service) return fail('unsupported_scheme', `"${serviceText}" is not a proxy service this app reads (http or socks5).`)
  const login = values[5] ?? ''
  const password = values[6] ?? ''
  const hasCredentials = login !== '' || password !== ''
  const pw = password === '' && login !== '' ? undefined : password
  if (hasCredentials && badCredentials(login, pw)) return null
  const ip = values[2]
  const proxyId = values[7]
  const connectionId = values[8]
  const connectionName = values[9]
  const authType = values[10]
  const expiresAt = values[11]
  const description = values[12]
  if (service && hasCredentials && ip && proxyId && connectionId && connectionName && authType && expiresAt && description) {
    // A full row (an export of this app): one object literal, with the same properties in the same order as below.
    return { lineNumber: 0, host, port, service, login, password, ip, proxyId, connectionId, connectionName, authType, expiresAt, description }
  }
  const out: ParsedProxy = { lineNumber: 0, host, port }
  if (service) out.service = service
  if (hasCredentials) {
    out.login = login
    out.password = pw
  }
  if (ip) out.ip = ip
  if (proxyId) out.proxyId = proxyId
  if (connectionId) out.connectionId = connectionId
  if (connectionName) out.connectionName = connectionName
  if (authType) out.authType = authType
  if (expiresAt) out.expiresAt = expiresAt
  if (description) out.description = description
  return out
}

/** `s.trim()`, without the call when `s` starts and ends with printable ASCII other than a space (most values). */
export function trimmed(s: string): string {
  const n = s.length
  if (n === 0) return s
  const a = s.charCodeAt(0)
  const b = s.charCodeAt(n - 1)
  return a > 32 && a < 127 && b > 32 && b < 127 ? s : s.trim()
}

/** Two proxies are the same when these keys are equal. */
export function proxyKey(p: ParsedProxy): string {
  return `${p.service ?? ''}\u0000${p.host.toLowerCase()}\u0000${p.port}\u0000${p.login ?? ''}\u0000${p.password ?? ''}`
}
