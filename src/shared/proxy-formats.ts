/**
 * Proxy lists in the formats other tools take (anti-detect browsers, scrapers, bots, proxy clients), and the
 * reverse: reading pasted lists back. Pure TypeScript (no node:*, no DOM): main, renderer and tests use it.
 *
 * - `formatProxies(accesses, { format, address, connectionNames?, template? })` → `{ text, count, skipped, notes }`
 *   (one proxy per line, `\n` line ends, a final newline when there is at least one line; CSV and JSON always
 *   have their header / brackets).
 * - `parseProxyLines(text)` → `{ proxies, rejected }`: every line format below with or without a scheme, IPv6 in
 *   brackets, surrounding spaces, `#` comment lines and blank lines; also the CSV (with its header) and JSON
 *   outputs of `formatProxies`. A repeated proxy is kept once; each repeat is reported as `duplicate`.
 */
import type { ProxyAccess } from './iproxy'

// ---------------------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------------------

export const PROXY_FORMATS = [
  'host:port:login:password',
  'login:password@host:port',
  'url',
  'host:port',
  'csv',
  'json',
  'template',
] as const
export type ProxyFormat = (typeof PROXY_FORMATS)[number]

/** Formats that carry a login and password (a noauth access is written without them, with a note). */
export const CREDENTIAL_FORMATS: readonly ProxyFormat[] = ['host:port:login:password', 'login:password@host:port', 'url']

export const ADDRESS_CHOICES = ['hostname', 'ip'] as const
export type AddressChoice = (typeof ADDRESS_CHOICES)[number]

/** The fields of a CSV/JSON row, and the placeholders a template may use (plus `host`, `scheme` and the `_url` ones). */
export const PROXY_FIELDS = [
  'connection_name',
  'connection_id',
  'proxy_id',
  'service',
  'auth_type',
  'hostname',
  'ip',
  'port',
  'login',
  'password',
  'expires_at',
  'description',
] as const
export type ProxyField = (typeof PROXY_FIELDS)[number]

/** Every placeholder a template may use: the fields above, `host` (the chosen address), `login_url`/`password_url` (percent-encoded). */
export const TEMPLATE_PLACEHOLDERS = [...PROXY_FIELDS, 'host', 'login_url', 'password_url'] as const
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number]

export const DEFAULT_TEMPLATE = '{service}://{login}:{password}@{host}:{port}'

/** The fields of a proxy access the formats read (a `ProxyAccess` fits). */
export type ExportableProxy = Pick<ProxyAccess, 'id' | 'connection_id' | 'listen_service' | 'auth_type' | 'auth' | 'ip' | 'port' | 'hostname' | 'expires_at' | 'description'>

export interface FormatProxiesOptions {
  format: ProxyFormat
  /** Which address goes into the line: the access's `hostname` or its `ip`. CSV and JSON carry both. */
  address: AddressChoice
  /** Connection id → name, for `connection_name`. */
  connectionNames?: Readonly<Record<string, string>>
  /** Required for format `template`; see `parseTemplate`. */
  template?: string
}

export type SkipReason = 'colon_in_credentials' | 'newline_in_field' | 'space_at_edge' | 'no_address'

export interface SkippedProxy {
  proxyId: string
  reason: SkipReason
  /** English explanation (the renderer translates by `reason`). */
  message: string
  /** The field that caused it, e.g. `password`. */
  field?: string
}

export type FormatNote =
  /** These noauth accesses were written without a login and password. */
  | { kind: 'noauth_without_credentials'; count: number; proxyIds: string[] }
  /** These accesses have no IP; their hostname was written instead. */
  | { kind: 'ip_missing_used_hostname'; count: number; proxyIds: string[] }

export interface FormattedProxies {
  text: string
  /** Proxies written (lines, or rows for CSV/JSON). */
  count: number
  skipped: SkippedProxy[]
  notes: FormatNote[]
}

/** Thrown by `formatProxies` for a missing or invalid template (validate first with `parseTemplate`). */
export class ProxyTemplateError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message)
    this.name = 'ProxyTemplateError'
  }
}

// ---------------------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------------------

export type TemplatePart = { text: string } | { field: TemplatePlaceholder }

export type ParsedTemplate =
  | { ok: true; parts: TemplatePart[] }
  | { ok: false; message: string; position: number }

const PLACEHOLDER_SET: ReadonlySet<string> = new Set(TEMPLATE_PLACEHOLDERS)

/**
 * Reads a template such as `{service}://{login}:{password}@{host}:{port}`. `{{` and `}}` write literal braces.
 * Refuses unknown placeholders, unclosed braces, line breaks and templates without any placeholder.
 */
export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = []
  let text = ''
  let hasField = false
  if (template.trim() === '') return { ok: false, message: 'The template is empty.', position: 0 }
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]
    if (ch === '\n' || ch === '\r') return { ok: false, message: 'A template is one line: remove the line break.', position: i }
    if (ch === '{') {
      if (template[i + 1] === '{') {
        text += '{'
        i++
        continue
      }
      const end = template.indexOf('}', i + 1)
      if (end < 0) return { ok: false, message: `The "{" at position ${i + 1} is never closed (write "{{" for a literal brace).`, position: i }
      const name = template.slice(i + 1, end).trim()
      if (!PLACEHOLDER_SET.has(name)) {
        return { ok: false, message: `Unknown placeholder {${name}}. Use one of: ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}.`, position: i }
      }
      if (text) parts.push({ text })
      text = ''
      parts.push({ field: name as TemplatePlaceholder })
      hasField = true
      i = end
      continue
    }
    if (ch === '}') {
      if (template[i + 1] === '}') {
        text += '}'
        i++
        continue
      }
      return { ok: false, message: `The "}" at position ${i + 1} has no opening "{" (write "}}" for a literal brace).`, position: i }
    }
    text += ch
  }
  if (text) parts.push({ text })
  if (!hasField) return { ok: false, message: 'The template has no placeholder, so every line would be the same. Add e.g. {host}:{port}.', position: 0 }
  return { ok: true, parts }
}

// ---------------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------------

const NEWLINE_RE = /[\r\n]/
const UNSAFE_IN_COLON_FORMAT_RE = /[:\r\n]|^\s|\s$/

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** Percent-encodes a login or password for the userinfo part of a URL. */
export function encodeUserinfo(value: string): string {
  return encodeURIComponent(value)
}

function expiresText(value: string | undefined): string {
  if (!value || value.startsWith('0001-01-01')) return ''
  return value
}

export interface ProxyRow {
  connection_name: string
  connection_id: string
  proxy_id: string
  service: string
  auth_type: string
  hostname: string
  ip: string
  port: number
  login: string
  password: string
  expires_at: string
  description: string
}

/** One access as a CSV/JSON row (absent values are empty strings). */
export function proxyRow(p: ExportableProxy, connectionNames?: Readonly<Record<string, string>>): ProxyRow {
  const noauth = p.auth_type === 'noauth' || !p.auth
  return {
    connection_name: connectionNames?.[p.connection_id] ?? '',
    connection_id: p.connection_id,
    proxy_id: p.id,
    service: p.listen_service,
    auth_type: p.auth_type,
    hostname: p.hostname,
    ip: p.ip,
    port: p.port,
    login: noauth ? '' : (p.auth?.login ?? ''),
    password: noauth ? '' : (p.auth?.password ?? ''),
    expires_at: expiresText(p.expires_at),
    description: p.description ?? '',
  }
}

/** RFC 4180 quoting: a field with a comma, quote, CR or LF (or spaces at its edges) is quoted, quotes doubled. */
export function csvField(value: string | number): string {
  const s = String(value)
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) return `"${s.replace(/"/g, '""')}"`
  return s
}

function skip(skipped: SkippedProxy[], proxyId: string, reason: SkipReason, field: string): void {
  const messages: Record<SkipReason, string> = {
    colon_in_credentials: `The ${field} contains ":", which this format uses as a separator. Use the URL format (it encodes it) or CSV/JSON.`,
    newline_in_field: `The ${field} contains a line break, which would split the line. Use the URL, CSV or JSON format.`,
    space_at_edge: `The ${field} begins or ends with a space, which other tools strip. Use the URL, CSV or JSON format.`,
    no_address: 'This proxy has neither a hostname nor an IP address.',
  }
  skipped.push({ proxyId, reason, message: messages[reason], field })
}

/**
 * Writes proxy accesses in one of the formats. Lines that a format cannot carry faithfully are left out and
 * listed in `skipped` with the reason; the others are written. Throws `ProxyTemplateError` for a bad template.
 */
export function formatProxies(accesses: readonly ExportableProxy[], options: FormatProxiesOptions): FormattedProxies {
  const { format, address, connectionNames } = options
  const skipped: SkippedProxy[] = []
  const noauthIds: string[] = []
  const noIpIds: string[] = []

  if (format === 'csv') {
    const out: string[] = [PROXY_FIELDS.join(',')]
    for (const p of accesses) {
      const row = proxyRow(p, connectionNames)
      out.push(PROXY_FIELDS.map((f) => csvField(row[f])).join(','))
    }
    return { text: out.join('\n') + '\n', count: accesses.length, skipped, notes: [] }
  }
  if (format === 'json') {
    const rows = accesses.map((p) => proxyRow(p, connectionNames))
    return { text: JSON.stringify(rows, null, 2) + '\n', count: rows.length, skipped, notes: [] }
  }

  let parts: TemplatePart[] = []
  if (format === 'template') {
    if (options.template === undefined) throw new ProxyTemplateError('The template format needs a template.', 0)
    const parsed = parseTemplate(options.template)
    if (!parsed.ok) throw new ProxyTemplateError(parsed.message, parsed.position)
    parts = parsed.parts
  }
  const templateWritesCredentials = parts.some((part) => 'field' in part && (part.field.startsWith('login') || part.field.startsWith('password')))

  const lines: string[] = []
  for (const p of accesses) {
    let host = address === 'ip' ? p.ip : p.hostname
    if (!host && address === 'ip' && p.hostname) {
      host = p.hostname
      noIpIds.push(p.id)
    }
    if (!host) {
      skip(skipped, p.id, 'no_address', 'host')
      continue
    }
    if (NEWLINE_RE.test(host)) {
      skip(skipped, p.id, 'newline_in_field', 'host')
      continue
    }
    const hostPart = bracketed(host)
    const noauth = p.auth_type === 'noauth' || !p.auth
    const login = noauth ? '' : (p.auth?.login ?? '')
    const password = noauth ? '' : (p.auth?.password ?? '')

    if (format === 'host:port') {
      lines.push(`${hostPart}:${p.port}`)
      continue
    }
    if (format === 'url') {
      if (noauth && CREDENTIAL_FORMATS.includes(format)) noauthIds.push(p.id)
      const userinfo = noauth ? '' : `${encodeUserinfo(login)}:${encodeUserinfo(password)}@`
      const scheme = p.listen_service === 'socks5' ? 'socks5' : 'http'
      lines.push(`${scheme}://${userinfo}${hostPart}:${p.port}`)
      continue
    }
    if (format === 'template') {
      const row = proxyRow(p, connectionNames)
      let line = ''
      let bad: string | undefined
      for (const part of parts) {
        if ('text' in part) {
          line += part.text
          continue
        }
        const f = part.field
        const value =
          f === 'host' ? hostPart : f === 'login_url' ? encodeUserinfo(row.login) : f === 'password_url' ? encodeUserinfo(row.password) : String(row[f])
        if (NEWLINE_RE.test(value)) bad ??= f
        line += value
      }
      if (bad) {
        skip(skipped, p.id, 'newline_in_field', bad)
        continue
      }
      if (noauth && templateWritesCredentials) noauthIds.push(p.id)
      lines.push(line)
      continue
    }

    // The two colon formats.
    if (noauth) {
      noauthIds.push(p.id)
      lines.push(`${hostPart}:${p.port}`)
      continue
    }
    if (!UNSAFE_IN_COLON_FORMAT_RE.test(login) && !UNSAFE_IN_COLON_FORMAT_RE.test(password)) {
      lines.push(format === 'host:port:login:password' ? `${hostPart}:${p.port}:${login}:${password}` : `${login}:${password}@${hostPart}:${p.port}`)
      continue
    }
    let refused = false
    for (const [field, value] of [['login', login], ['password', password]] as const) {
      if (NEWLINE_RE.test(value)) skip(skipped, p.id, 'newline_in_field', field)
      else if (value.includes(':')) skip(skipped, p.id, 'colon_in_credentials', field)
      else if (/^\s|\s$/.test(value)) skip(skipped, p.id, 'space_at_edge', field)
      else continue
      refused = true
      break
    }
    if (refused) continue
    lines.push(format === 'host:port:login:password' ? `${hostPart}:${p.port}:${login}:${password}` : `${login}:${password}@${hostPart}:${p.port}`)
  }

  const notes: FormatNote[] = []
  if (noauthIds.length) notes.push({ kind: 'noauth_without_credentials', count: noauthIds.length, proxyIds: noauthIds })
  if (noIpIds.length) notes.push({ kind: 'ip_missing_used_hostname', count: noIpIds.length, proxyIds: noIpIds })
  return { text: lines.length ? lines.join('\n') + '\n' : '', count: lines.length, skipped, notes }
}

// ---------------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------------

export type ProxyService = 'http' | 'socks5'

export interface ParsedProxy {
  /** 1-based line of the text where this proxy starts. */
  lineNumber: number
  /** From the scheme (`http://`, `socks5://`) or a CSV/JSON `service`; absent when the line does not say. */
  service?: ProxyService
  /** Hostname, IPv4 or IPv6 (without brackets). */
  host: string
  port: number
  /** Both present or both absent. */
  login?: string
  password?: string
  /** Only from CSV/JSON rows. */
  ip?: string
  proxyId?: string
  connectionId?: string
  connectionName?: string
  authType?: string
  expiresAt?: string
  description?: string
}

export type RejectReason =
  | 'unsupported_scheme'
  | 'missing_port'
  | 'bad_port'
  | 'bad_host'
  | 'ipv6_needs_brackets'
  | 'missing_password'
  | 'missing_login'
  | 'too_many_fields'
  | 'duplicate'
  | 'bad_csv'
  | 'bad_json'

export interface RejectedLine {
  /** The line as written (trimmed); for JSON, the element re-serialized. */
  line: string
  lineNumber: number
  reason: RejectReason
  /** English explanation (the renderer translates by `reason`). */
  message: string
  /** For `duplicate`: the line where the same proxy was first seen. */
  duplicateOf?: number
}

export interface ParsedProxyList {
  proxies: ParsedProxy[]
  rejected: RejectedLine[]
}

class LineError extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message)
  }
}

const SCHEME_RE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//
const SCHEMES: Record<string, ProxyService> = { http: 'http', socks5: 'socks5', socks5h: 'socks5', socks: 'socks5' }
const HEXISH_RE = /^[0-9A-Fa-f:.]+$/
const HOSTNAME_RE = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/
const IPV6_RE = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/

function checkHost(host: string): string {
  if (host === '') throw new LineError('bad_host', 'The host is empty.')
  if (host.includes(':')) {
    if (!IPV6_RE.test(host) || host.split(':').length < 3) throw new LineError('bad_host', `"${host}" is not a valid IPv6 address.`)
    return host
  }
  if (!HOSTNAME_RE.test(host) || host.includes('..') || host.endsWith('-')) throw new LineError('bad_host', `"${host}" is not a valid host name or IP address.`)
  return host
}

function checkPort(text: string): number {
  if (text === '') throw new LineError('missing_port', 'The port is missing (expected host:port).')
  let port = 0
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9 || i >= 5) throw new LineError('bad_port', `"${text}" is not a port number (1–65535).`)
    port = port * 10 + d
  }
  if (port < 1 || port > 65535) throw new LineError('bad_port', `Port ${port} is out of range (1–65535).`)
  return port
}

/** `host:port` followed by `rest` (the text after the port, starting with ":" or empty). */
function splitHostPort(text: string): { host: string; port: number; rest: string } {
  let host: string
  let after: string
  if (text.startsWith('[')) {
    const end = text.indexOf(']')
    if (end < 0) throw new LineError('bad_host', 'The "[" of an IPv6 address is never closed.')
    host = text.slice(1, end)
    if (!host.includes(':')) throw new LineError('bad_host', `"[${host}]" is not an IPv6 address.`)
    after = text.slice(end + 1)
    if (after === '') throw new LineError('missing_port', 'The port is missing (expected [IPv6]:port).')
    if (!after.startsWith(':')) throw new LineError('bad_host', 'Expected ":" and a port after "]".')
    after = after.slice(1)
  } else {
    const colon = text.indexOf(':')
    if (colon < 0) throw new LineError('missing_port', 'The port is missing (expected host:port).')
    host = text.slice(0, colon)
    after = text.slice(colon + 1)
  }
  const next = after.indexOf(':')
  const portText = next < 0 ? after : after.slice(0, next)
  const rest = next < 0 ? '' : after.slice(next)
  return { host: checkHost(host), port: checkPort(portText), rest }
}

function decodeMaybe(value: string): string {
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function checkCredentials(login: string, password: string | undefined): asserts password is string {
  if (password === undefined) throw new LineError('missing_password', 'A login is given without a password (expected login:password).')
  if (login === '') throw new LineError('missing_login', 'The password is given without a login (expected login:password).')
}

function withCredentials(host: string, port: number, login: string, password: string | undefined): ParsedProxy {
  checkCredentials(login, password)
  return { lineNumber: 0, host, port, login, password }
}

/** One line (already trimmed, not blank, not a comment). */
function parseLine(line: string): ParsedProxy {
  let text = line
  let service: ProxyService | undefined
  if (line.includes('://')) {
    const scheme = SCHEME_RE.exec(text)
    if (scheme) {
      const name = (scheme[1] ?? '').toLowerCase()
      const known = SCHEMES[name]
      if (!known) throw new LineError('unsupported_scheme', `"${scheme[1]}://" is not a proxy scheme this app reads (use http:// or socks5://).`)
      service = known
      text = text.slice(scheme[0].length).replace(/\/+$/, '')
    }
  }
  const parsed = readAddressAndCredentials(text, service !== undefined)
  if (service) parsed.service = service
  return parsed
}

function readAddressAndCredentials(text: string, hasScheme: boolean): ParsedProxy {
  const at = text.lastIndexOf('@')
  if (at < 0) return parseHostFirst(text)
  if (hasScheme) return parseUserinfoForm(text, at, true)
  // No scheme and an "@": host:port:login:password (whose login or password holds the "@") when it starts with
  // a host and a port, otherwise login:password@host:port.
  if (HOST_PORT_FIRST_RE.test(text)) {
    try {
      return parseHostFirst(text)
    } catch (err) {
      if (!(err instanceof LineError)) throw err
    }
  }
  return parseUserinfoForm(text, at, false)
}

const HOST_PORT_FIRST_RE = /^(?:\[[^\]@]*\]|[^:@[\]]+):\d{1,5}(?::|$)/

/** login:password@host:port (URL userinfo when a scheme was given: percent-decoded). */
function parseUserinfoForm(text: string, at: number, decode: boolean): ParsedProxy {
  const userinfo = text.slice(0, at)
  const { host, port, rest } = splitHostPort(text.slice(at + 1))
  if (rest !== '') throw new LineError('too_many_fields', 'Unexpected text after the port (expected login:password@host:port).')
  const colon = userinfo.indexOf(':')
  const rawLogin = colon < 0 ? userinfo : userinfo.slice(0, colon)
  const rawPassword = colon < 0 ? undefined : userinfo.slice(colon + 1)
  return withCredentials(host, port, decode ? decodeMaybe(rawLogin) : rawLogin, rawPassword === undefined ? undefined : decode ? decodeMaybe(rawPassword) : rawPassword)
}

/** host:port, host:port:login:password, or login:password:host:port. */
function parseHostFirst(text: string): ParsedProxy {
  if (text.charCodeAt(0) !== 91 && HEXISH_RE.test(text) && (text.includes('::') || text.split(':').length >= 8)) {
    throw new LineError('ipv6_needs_brackets', 'An IPv6 address must be in brackets, e.g. [2001:db8::1]:8080.')
  }
  let parsed: { host: string; port: number; rest: string }
  try {
    parsed = splitHostPort(text)
  } catch (err) {
    if (!(err instanceof LineError) || text.startsWith('[')) throw err
    // login:password:host:port, a common variant: the last two fields are a host and a port.
    const fields = text.split(':')
    const last = fields[fields.length - 1] ?? ''
    const hostField = fields[fields.length - 2] ?? ''
    if (fields.length >= 4 && /^\d{1,5}$/.test(last) && HOSTNAME_RE.test(hostField)) {
      const host = checkHost(hostField)
      const port = checkPort(last)
      return withCredentials(host, port, fields[0] ?? '', fields.slice(1, -2).join(':'))
    }
    throw err
  }
  const { host, port, rest } = parsed
  if (rest === '') return { lineNumber: 0, host, port }
  // host:port:login:password (a password may itself contain ":" when pasted from elsewhere).
  const creds = rest.slice(1)
  const colon = creds.indexOf(':')
  return withCredentials(host, port, colon < 0 ? creds : creds.slice(0, colon), colon < 0 ? undefined : creds.slice(colon + 1))
}

function rejectionOf(err: unknown, line: string, lineNumber: number): RejectedLine {
  if (err instanceof LineError) return { line, lineNumber, reason: err.reason, message: err.message }
  throw err
}

function proxyKey(p: ParsedProxy): string {
  return `${p.service ?? ''}\u0000${p.host.toLowerCase()}\u0000${p.port}\u0000${p.login ?? ''}\u0000${p.password ?? ''}`
}

interface CsvRecord {
  fields: string[]
  lineNumber: number
  start: number
  end: number
  error?: string
}

/** Splits RFC 4180 CSV into records, each with the 1-based line it starts on. */
function csvRecords(text: string, startLine: number): CsvRecord[] {
  const records: CsvRecord[] = []
  const n = text.length
  let i = 0
  let line = startLine
  while (i < n) {
    const recordLine = line
    const start = i
    const fields: string[] = []
    let error: string | undefined
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        // A quoted field: doubled quotes are one quote; newlines inside count as lines.
        let value = ''
        let from = i + 1
        for (;;) {
          const q = text.indexOf('"', from)
          if (q < 0) {
            error = 'A quoted field is never closed.'
            value += text.slice(from)
            i = n
            break
          }
          value += text.slice(from, q)
          if (text.charCodeAt(q + 1) === 34) {
            value += '"'
            from = q + 2
            continue
          }
          i = q + 1
          break
        }
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++
        const c = text.charCodeAt(i)
        if (i < n && c !== 44 && c !== 10 && c !== 13) {
          error ??= 'Unexpected text after a closing quote.'
          while (i < n && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++
        }
        fields.push(value)
      } else {
        let end = i
        for (; end < n; end++) {
          const c = text.charCodeAt(end)
          if (c === 44 || c === 10 || c === 13) break
        }
        fields.push(text.slice(i, end))
        i = end
      }
      if (i < n && text.charCodeAt(i) === 44) {
        i++
        continue
      }
      break
    }
    const end = i
    if (text.charCodeAt(i) === 13) i++
    if (text.charCodeAt(i) === 10) i++
    line++
    if (fields.length === 1 && (fields[0] ?? '').trim() === '') continue
    records.push(error ? { fields, lineNumber: recordLine, start, end, error } : { fields, lineNumber: recordLine, start, end })
  }
  return records
}

const ROW_EXTRAS: ReadonlyArray<['ip' | 'proxyId' | 'connectionId' | 'connectionName' | 'authType' | 'expiresAt' | 'description', string]> = [
  ['ip', 'ip'],
  ['proxyId', 'proxy_id'],
  ['connectionId', 'connection_id'],
  ['connectionName', 'connection_name'],
  ['authType', 'auth_type'],
  ['expiresAt', 'expires_at'],
  ['description', 'description'],
]

function fromRow(get: (field: string) => string | undefined): ParsedProxy {
  const hostname = (get('hostname') ?? get('host') ?? '').trim()
  const ip = (get('ip') ?? '').trim()
  const host = checkHost(hostname || ip)
  const port = checkPort((get('port') ?? '').trim())
  const out: ParsedProxy = { lineNumber: 0, host, port }
  const serviceText = (get('service') ?? '').trim().toLowerCase()
  if (serviceText) {
    const s = SCHEMES[serviceText]
    if (!s) throw new LineError('unsupported_scheme', `"${serviceText}" is not a proxy service this app reads (http or socks5).`)
    out.service = s
  }
  const login = get('login') ?? ''
  const password = get('password') ?? ''
  if (login !== '' || password !== '') {
    const pw = password === '' && login !== '' ? undefined : password
    checkCredentials(login, pw)
    out.login = login
    out.password = pw
  }
  for (const [key, field] of ROW_EXTRAS) {
    const v = get(field)
    if (v !== undefined && v !== '') out[key] = v
  }
  return out
}

function isCsvHeader(line: string): boolean {
  const cols = line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase())
  return cols.includes('port') && (cols.includes('hostname') || cols.includes('ip') || cols.includes('host'))
}

/** Line numbers where each top-level element of a JSON array starts. */
function jsonElementLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let expectValue = false
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) {
      line++
      continue
    }
    if (c === 32 || c === 9 || c === 13) continue
    if (depth === 1 && expectValue) {
      lines.push(line)
      expectValue = false
    }
    if (c === 34) {
      // Skip the string: to the next quote that is not escaped (strings in valid JSON hold no raw newline).
      for (;;) {
        const q = text.indexOf('"', i + 1)
        if (q < 0) return lines
        let backslashes = 0
        for (let k = q - 1; text.charCodeAt(k) === 92; k--) backslashes++
        i = q
        if (backslashes % 2 === 0) break
      }
    } else if (c === 123 || c === 91) {
      depth++
      if (depth === 1) expectValue = true
    } else if (c === 125 || c === 93) depth--
    else if (c === 44 && depth === 1) expectValue = true
  }
  return lines
}

/**
 * Reads a pasted or loaded proxy list: one proxy per line in any format `formatProxies` writes (with or without
 * a scheme), or the CSV (with its header) or JSON output. Never throws for bad input: bad lines go to `rejected`.
 */
export function parseProxyLines(text: string): ParsedProxyList {
  const proxies: ParsedProxy[] = []
  const rejected: RejectedLine[] = []
  const seen = new Map<string, number>()
  /** `line` may be a function, so the text of a row is only made when it is reported. */
  const accept = (p: ParsedProxy, line: string | (() => string), lineNumber: number): void => {
    const key = proxyKey(p)
    const first = seen.get(key)
    if (first !== undefined) {
      rejected.push({ line: typeof line === 'string' ? line : line(), lineNumber, reason: 'duplicate', message: `The same proxy as line ${first}.`, duplicateOf: first })
      return
    }
    seen.set(key, lineNumber)
    p.lineNumber = lineNumber
    proxies.push(p)
  }

  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const trimmedStart = source.trimStart()

  if (trimmedStart.startsWith('[') && !/^\[[0-9A-Fa-f:.%]*\]:/.test(trimmedStart)) {
    let data: unknown
    const leading = source.length - trimmedStart.length
    const firstLine = source.slice(0, leading).split('\n').length
    try {
      data = JSON.parse(source)
    } catch (err) {
      rejected.push({ line: trimmedStart.split(/\r?\n/)[0] ?? '', lineNumber: firstLine, reason: 'bad_json', message: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` })
      return { proxies, rejected }
    }
    const lines = jsonElementLines(source)
    const items = Array.isArray(data) ? data : []
    items.forEach((item: unknown, index) => {
      const lineNumber = lines[index] ?? firstLine
      const raw = (): string => JSON.stringify(item) ?? ''
      if (typeof item === 'string') {
        const t = item.trim()
        if (t === '' || t.startsWith('#')) return
        try {
          accept(parseLine(t), t, lineNumber)
        } catch (err) {
          rejected.push(rejectionOf(err, t, lineNumber))
        }
        return
      }
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        rejected.push({ line: raw(), lineNumber, reason: 'bad_json', message: 'Each element must be an object with hostname (or ip) and port, or a proxy line.' })
        return
      }
      const obj = item as Record<string, unknown>
      const get = (field: string): string | undefined => {
        const v = obj[field]
        return v === undefined || v === null ? undefined : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v)
      }
      try {
        accept(fromRow(get), raw, lineNumber)
      } catch (err) {
        rejected.push(rejectionOf(err, raw(), lineNumber))
      }
    })
    return { proxies, rejected }
  }

  // A CSV file: the first non-blank, non-comment line is a header naming hostname/ip and port.
  let headerIndex = -1
  let headerLine = ''
  const scan = /([^\r\n]*)(\r\n|\n|\r|$)/g
  for (let i = 0; scan.lastIndex < source.length; i++) {
    const m = scan.exec(source)
    if (!m) break
    const t = (m[1] ?? '').trim()
    if (t === '' || t.startsWith('#')) {
      if (m[0] === '') break
      continue
    }
    if (t.includes(',') && isCsvHeader(t)) {
      headerIndex = i
      headerLine = t
    }
    break
  }
  if (headerIndex >= 0) {
    const header = headerLine.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase())
    const columns = new Map(header.map((name, index) => [name, index]))
    // The records after the header, from the original text (a quoted field keeps its own line ends).
    const breaks = /\r\n|\n|\r/g
    for (let k = 0; k <= headerIndex && breaks.exec(source); k++);
    const body = breaks.lastIndex > 0 ? source.slice(breaks.lastIndex) : ''
    for (const record of csvRecords(body, headerIndex + 2)) {
      const raw = (): string => body.slice(record.start, record.end)
      if (record.fields.length === 1 && (record.fields[0] ?? '').trim().startsWith('#')) continue
      if (record.error) {
        rejected.push({ line: raw(), lineNumber: record.lineNumber, reason: 'bad_csv', message: record.error })
        continue
      }
      if (record.fields.length !== header.length) {
        rejected.push({ line: raw(), lineNumber: record.lineNumber, reason: 'bad_csv', message: `This row has ${record.fields.length} fields; the header has ${header.length}.` })
        continue
      }
      const get = (field: string): string | undefined => {
        const idx = columns.get(field)
        return idx === undefined ? undefined : record.fields[idx]
      }
      try {
        accept(fromRow(get), raw, record.lineNumber)
      } catch (err) {
        rejected.push(rejectionOf(err, raw(), record.lineNumber))
      }
    }
    return { proxies, rejected }
  }

  const lines = source.split(/\r\n|\n|\r/)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '' || line.startsWith('#')) continue
    try {
      accept(parseLine(line), line, i + 1)
    } catch (err) {
      rejected.push(rejectionOf(err, line, i + 1))
    }
  }
  return { proxies, rejected }
}

/** The English message for a rejection reason, without line-specific details (for summaries). */
export const REJECT_REASON_TEXT: Record<RejectReason, string> = {
  unsupported_scheme: 'unsupported scheme (use http:// or socks5://)',
  missing_port: 'the port is missing',
  bad_port: 'not a valid port (1–65535)',
  bad_host: 'not a valid host name or IP address',
  ipv6_needs_brackets: 'an IPv6 address must be in brackets',
  missing_password: 'a login without a password',
  missing_login: 'a password without a login',
  too_many_fields: 'unexpected text after the port',
  duplicate: 'a duplicate of an earlier line',
  bad_csv: 'a malformed CSV row',
  bad_json: 'malformed JSON',
}
