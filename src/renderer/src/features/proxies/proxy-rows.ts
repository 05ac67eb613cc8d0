/** The Proxies screen's rows: every proxy access with its connection's name, searched, filtered and sorted. */
import type { Connection } from '../../../../shared/iproxy'
import type { ProxyAccessView } from '../../../../shared/iproxy/proxy-access-view'
import type { ExpiryFilter, ProxiesView, ProxyColumn } from '../../stores/proxies-view'
import { timeMs } from '../../ui/time-text'

const DAY_MS = 24 * 60 * 60 * 1000
export const EXPIRING_SOON_MS = 7 * DAY_MS

export interface ProxyRow {
  id: string
  connectionId: string
  /** undefined when the connection is not in the account's list (e.g. just deleted). */
  connectionName?: string | undefined
  service: string
  hostname: string
  ip: string
  port: number
  auth: string
  login?: string | undefined
  description?: string | undefined
  /** undefined = no expiry (absent, or the API's "never" date). */
  expiresAt?: number | undefined
  haystack: string
  proxy: ProxyAccessView
}

/** The API's zero date (0001-01-01) and anything before 1971 mean "no expiry". */
function expiryOf(iso: string | undefined): number | undefined {
  const ms = timeMs(iso)
  return ms === undefined || ms < Date.UTC(1971, 0, 1) ? undefined : ms
}

export function buildProxyRows(proxies: readonly ProxyAccessView[], connections: readonly Connection[] | undefined): ProxyRow[] {
  const names = new Map<string, string>()
  for (const c of connections ?? []) names.set(c.id, c.basic_info.name)
  return proxies.map((p) => {
    const row: ProxyRow = {
      id: p.id,
      connectionId: p.connection_id,
      connectionName: names.get(p.connection_id),
      service: p.listen_service,
      hostname: p.hostname,
      ip: p.ip,
      port: p.port,
      auth: p.auth_type,
      login: p.auth?.login,
      description: p.description,
      expiresAt: expiryOf(p.expires_at),
      haystack: '',
      proxy: p,
    }
    row.haystack = [row.connectionName, p.hostname, p.ip, `${p.hostname}:${p.port}`, `${p.ip}:${p.port}`, row.login, row.description, p.id]
      .filter(Boolean)
      .join('\n')
      .toLowerCase()
    return row
  })
}

export function expiryClass(row: ProxyRow, now: number): ExpiryFilter {
  if (row.expiresAt === undefined) return 'never'
  if (row.expiresAt <= now) return 'expired'
  return row.expiresAt - now <= EXPIRING_SOON_MS ? 'soon' : 'later'
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/**
 * Each distinct text's place in collation order. 20,000 rows share far fewer distinct values (5,000 connection
 * names, two services...), so the collator runs over those once and the row sort compares numbers.
 */
function ranks(rows: readonly ProxyRow[], pick: (row: ProxyRow) => string | undefined): Map<string | undefined, number> {
  const distinct = [...new Set(rows.map(pick))]
  distinct.sort((a, b) => (a === undefined || b === undefined ? (a === b ? 0 : a === undefined ? 1 : -1) : collator.compare(a, b)))
  return new Map(distinct.map((value, index) => [value, index]))
}

const TEXT_COLUMNS: Partial<Record<ProxyColumn, (row: ProxyRow) => string | undefined>> = {
  connection: (r) => r.connectionName,
  service: (r) => r.service,
  address: (r) => r.hostname,
  // Within one authentication type, by login.
  auth: (r) => `${r.auth}\u0000${r.login ?? ''}`,
  description: (r) => r.description,
}

export function sortProxyRows(rows: readonly ProxyRow[], sort: ProxiesView['sort']): ProxyRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1
  const pick = TEXT_COLUMNS[sort.column]
  if (pick) {
    const rank = ranks(rows, pick)
    const missing = rank.get(undefined)
    // Missing values (unknown connection, no description) stay last in both directions; ties fall back to the port.
    const key = (row: ProxyRow) => {
      const r = rank.get(pick(row)) as number
      return r === missing ? Number.MAX_SAFE_INTEGER : r * sign
    }
    const keys = new Map(rows.map((row) => [row, key(row)]))
    // The address is host then port, both in the chosen direction; elsewhere ties go by port, ascending.
    const portSign = sort.column === 'address' ? sign : 1
    return [...rows].sort((a, b) => (keys.get(a) as number) - (keys.get(b) as number) || (a.port - b.port) * portSign)
  }
  return [...rows].sort((a, b) => {
    if (a.expiresAt === undefined || b.expiresAt === undefined) return a.expiresAt === b.expiresAt ? 0 : a.expiresAt === undefined ? 1 : -1
    return (a.expiresAt - b.expiresAt) * sign
  })
}

export function filterProxyRows(
  sorted: readonly ProxyRow[],
  view: Pick<ProxiesView, 'search' | 'connection' | 'service' | 'auth' | 'expiry'>,
  now: number,
): ProxyRow[] {
  const terms = view.search.toLowerCase().split(/\s+/).filter(Boolean)
  if (terms.length === 0 && !view.connection && !view.service && !view.auth && !view.expiry) return sorted as ProxyRow[]
  return sorted.filter(
    (row) =>
      (!view.connection || row.connectionId === view.connection) &&
      (!view.service || row.service === view.service) &&
      (!view.auth || row.auth === view.auth) &&
      (!view.expiry || expiryClass(row, now) === view.expiry) &&
      terms.every((term) => row.haystack.includes(term)),
  )
}
