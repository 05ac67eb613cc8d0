/**
 * One CSV or JSON row → a `ParsedProxy`, or a `Refusal` saying why not. Both readers (parse-csv.ts, parse-json.ts)
 * hand over a row as its values in `ROW_FIELDS` order, so a row means the same whichever file it came from.
 */
import { SCHEMES, badCredentials, checkHost, checkPort, trimmed } from './parse-line'
import { Refusal, type ParsedProxy } from './types'

/** The fields `fromRow` reads, in the order of its `values` argument. */
export const ROW_FIELDS = ['hostname', 'host', 'ip', 'port', 'service', 'login', 'password', 'proxy_id', 'connection_id', 'connection_name', 'auth_type', 'expires_at', 'description'] as const
export const ROW_FIELD_COUNT = ROW_FIELDS.length

/** A CSV/JSON row: `values[i]` is the row's `ROW_FIELDS[i]` (undefined when the row has no such field). */
export function fromRow(values: ReadonlyArray<string | undefined>): ParsedProxy | Refusal {
  const hostname = trimmed(values[0] ?? values[1] ?? '')
  const host = checkHost(hostname || trimmed(values[2] ?? ''))
  if (host instanceof Refusal) return host
  const portText = trimmed(values[3] ?? '')
  const port = checkPort(portText, 0, portText.length)
  if (port instanceof Refusal) return port
  // The two services this app writes are taken without a lookup, and kept as the literals rather than the text
  // read: one string for every row instead of one per row.
  const serviceValue = values[4]
  const serviceText = serviceValue === 'socks5' || serviceValue === 'http' ? serviceValue : trimmed(serviceValue ?? '').toLowerCase()
  const service = serviceText === 'socks5' ? 'socks5' : serviceText === 'http' ? 'http' : serviceText ? SCHEMES[serviceText] : undefined
  if (serviceText && !service) return new Refusal('unsupported_scheme', `"${serviceText}" is not a proxy service this app reads (http or socks5).`)
  const login = values[5] ?? ''
  const password = values[6] ?? ''
  const hasCredentials = login !== '' || password !== ''
  const pw = password === '' && login !== '' ? undefined : password
  const refused = hasCredentials ? badCredentials(login, pw) : undefined
  if (refused) return refused
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
