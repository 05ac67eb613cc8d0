/**
 * Proxy lists in the formats other tools take (anti-detect browsers, scrapers, bots, proxy clients), and the
 * reverse. Pure TypeScript (no node:*, no DOM): main, renderer and tests use it.
 *
 * - `formatProxies(accesses, { format, address, connectionNames?, template? })` → `{ text, count, skipped, notes }`
 *   (one proxy per line, `\n` line ends, a final newline when there is at least one line; CSV and JSON always
 *   have their header / brackets).
 * - Templates (`{service}://{login}:{password}@{host}:{port}`) are read in template.ts.
 * - Reading lists back (`parseProxyLines`) is in parse.ts.
 */
import type { ProxyAccess } from '../iproxy'
import { PROXY_FIELDS, ProxyTemplateError, isCredentialPart, parseTemplate, withoutCredentials, type TemplatePart } from './template'

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

/** True when lines in `format` (with `template`, for the template format) carry passwords. */
export function formatWritesPasswords(format: ProxyFormat, template?: string): boolean {
  if (format === 'template') {
    const parsed = parseTemplate(template ?? '')
    return parsed.ok && parsed.parts.some((part) => 'field' in part && part.field.startsWith('password'))
  }
  return format === 'csv' || format === 'json' || CREDENTIAL_FORMATS.includes(format)
}

export const ADDRESS_CHOICES = ['hostname', 'ip'] as const
export type AddressChoice = (typeof ADDRESS_CHOICES)[number]

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

const EDGE_SPACE_RE = /^\s|\s$/
/** Printable ASCII other than space: never whitespace. */
const isPlain = (c: number): boolean => c > 32 && c < 127

const CSV_SPECIAL_RE = /[",\r\n]/

/** True when `s` has a comma, quote, CR or LF, or whitespace at an edge (the edge regex only for non-ASCII edges). */
function csvNeedsQuotes(s: string): boolean {
  if (CSV_SPECIAL_RE.test(s)) return true
  const n = s.length
  return n !== 0 && !(isPlain(s.charCodeAt(0)) && isPlain(s.charCodeAt(n - 1))) && EDGE_SPACE_RE.test(s)
}

/** RFC 4180 quoting: a field with a comma, quote, CR or LF (or spaces at its edges) is quoted, quotes doubled. */
export function csvField(value: string | number): string {
  const s = typeof value === 'string' ? value : String(value)
  return csvNeedsQuotes(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * What a spreadsheet (Excel, LibreOffice, Google Sheets) reads as the start of a formula: `=`, `+`, `-`, `@`, a tab
 * or a carriage return (OWASP's "CSV injection" list).
 */
const FORMULA_START_RE = /^[=+\-@\t\r]/

/**
 * A free-text cell (a connection name, a description) that a spreadsheet would run as a formula gets a leading
 * apostrophe, as OWASP advises, so `=HYPERLINK(...)` shows as text. Only for free text: hosts, ports, logins and
 * passwords are written byte-exact, since the list must still work as a proxy list.
 */
export function csvTextCell(value: string): string {
  return csvField(FORMULA_START_RE.test(value) ? `'${value}` : value)
}

function csvText(accesses: readonly ExportableProxy[], connectionNames: Readonly<Record<string, string>> | undefined): string {
  const out: string[] = [PROXY_FIELDS.join(',')]
  for (const p of accesses) {
    // The values of proxyRow(p), in PROXY_FIELDS order.
    const noauth = p.auth_type === 'noauth' || !p.auth
    const fields = [
      csvTextCell(connectionNames?.[p.connection_id] ?? ''),
      csvField(p.connection_id),
      csvField(p.id),
      csvField(p.listen_service),
      csvField(p.auth_type),
      csvField(p.hostname),
      csvField(p.ip),
      csvField(p.port),
      csvField(noauth ? '' : (p.auth?.login ?? '')),
      csvField(noauth ? '' : (p.auth?.password ?? '')),
      csvField(expiresText(p.expires_at)),
      csvTextCell(p.description ?? ''),
    ]
    out.push(fields.join(','))
  }
  return out.join('\n') + '\n'
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

  if (format === 'csv') return { text: csvText(accesses, connectionNames), count: accesses.length, skipped, notes: [] }
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
  const templateWritesCredentials = parts.some(isCredentialPart)
  // A proxy without credentials (IP-authorised) gets the template without its credentials part, so the default
  // `{service}://{login}:{password}@{host}:{port}` writes `socks5://host:port`, never `socks5://:@host:port`.
  const noauthParts = templateWritesCredentials ? withoutCredentials(parts) : parts

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
      for (const part of noauth ? noauthParts : parts) {
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
