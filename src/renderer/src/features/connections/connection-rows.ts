/**
 * The fleet board's rows: each connection joined with its live status, its proxy accesses and its row of the
 * history board (uptime, last check, exit IP, IP changes, warnings), then searched, filtered and sorted. Pure
 * functions, so a keystroke costs one pass over prepared rows.
 */
import type { BoardRow, LastCheck } from '../../../../shared/history'
import type { Connection, ConnectionStatus } from '../../../../shared/iproxy'
import type { ProxyAccessView } from '../../../../shared/iproxy/proxy-access-view'
import type { ConnectionColumn, ConnectionsView } from '../../stores/connections-view'
import { timeMs } from '../../ui/time-text'
import { daysLeft } from './format'

export interface ConnectionRow {
  id: string
  name: string
  /** online, offline, flapping or nodata (also when the status list does not mention the connection). */
  status: string
  statusSince?: number | undefined
  country: string
  city: string
  manufacturer?: string | undefined
  model?: string | undefined
  androidVersion?: string | undefined
  planId?: string | undefined
  expiresAt?: number | undefined
  proxies: number
  /** The first proxy access, for the row's "Copy proxy line". */
  firstProxyId?: string | undefined
  lastActivity?: number | undefined
  /** From the history (absent until the app has seen the connection's statuses / checks). */
  uptime24h?: number | undefined
  uptime7d?: number | undefined
  lastCheck?: LastCheck | undefined
  /** The current exit IP and when it was last seen (the last check's, or a newer sighting from any source). */
  exitIp?: string | undefined
  exitIpSeen?: number | undefined
  ipChanges24h?: number | undefined
  /** The exit IP came back on this connection within 24 h / is in use on another connection too. */
  repeatedIp: boolean
  sharedIp: boolean
  /** Lower-case text the search looks in. */
  haystack: string
}

export interface ConnectionProxies {
  count: number
  firstId: string
}

/** Each connection's number of proxy accesses and its first one. */
export function proxyCounts(proxies: readonly ProxyAccessView[] | undefined): Map<string, ConnectionProxies> {
  const counts = new Map<string, ConnectionProxies>()
  for (const proxy of proxies ?? []) {
    const seen = counts.get(proxy.connection_id)
    if (seen) seen.count += 1
    else counts.set(proxy.connection_id, { count: 1, firstId: proxy.id })
  }
  return counts
}

/** The newer of the last check's exit IP and the history's latest sighting. */
function currentExitIp(board: BoardRow | undefined): { ip: string; seen: number } | undefined {
  const check = board?.lastCheck?.exitIp ? { ip: board.lastCheck.exitIp, seen: board.lastCheck.at } : undefined
  const sighting = board?.exitIp ? { ip: board.exitIp.ip, seen: board.exitIp.lastSeen } : undefined
  if (!check || !sighting) return check ?? sighting
  return sighting.seen > check.seen ? sighting : check
}

export function buildRows(
  connections: readonly Connection[],
  statuses: readonly ConnectionStatus[] | undefined,
  counts: ReadonlyMap<string, ConnectionProxies>,
  board: readonly BoardRow[] | undefined,
): ConnectionRow[] {
  const byId = new Map<string, ConnectionStatus>()
  for (const status of statuses ?? []) byId.set(status.connection_id, status)
  const history = new Map<string, BoardRow>()
  for (const row of board ?? []) history.set(row.connectionId, row)
  return connections.map((c) => {
    const status = byId.get(c.id)
    const known = history.get(c.id)
    const exit = currentExitIp(known)
    const geo = c.basic_info.server_geo
    const device = c.app_data?.device_info
    const plan = c.plan_info?.active_plan
    const row: ConnectionRow = {
      id: c.id,
      name: c.basic_info.name,
      status: status?.online_status ?? 'nodata',
      statusSince: timeMs(status?.last_online_status_update),
      country: geo?.country.toLowerCase() ?? '',
      city: geo?.city ?? '',
      manufacturer: device?.manufacturer,
      model: device?.model,
      androidVersion: device?.android_version,
      planId: plan?.id,
      expiresAt: timeMs(plan?.expires_at),
      proxies: counts.get(c.id)?.count ?? 0,
      firstProxyId: counts.get(c.id)?.firstId,
      lastActivity: timeMs(c.app_data?.last_activity_at),
      uptime24h: known?.uptime24h,
      uptime7d: known?.uptime7d,
      lastCheck: known?.lastCheck,
      exitIp: exit?.ip,
      exitIpSeen: exit?.seen,
      ipChanges24h: known?.ipChanges24h,
      repeatedIp: known?.repeatedIp ?? false,
      sharedIp: known?.sharedIp ?? false,
      haystack: '',
    }
    row.haystack = [row.name, c.basic_info.description, c.id, row.country, row.city, row.manufacturer, row.model, row.planId, row.exitIp, known?.lastCheck?.exitIp]
      .filter(Boolean)
      .join('\n')
      .toLowerCase()
    return row
  })
}

const STATUS_ORDER: Record<string, number> = { online: 0, flapping: 1, offline: 2, nodata: 3 }
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** An IPv4 address as a number, so 10.0.0.9 sorts before 10.0.0.10; other text sorts after, by the collator. */
function ipOrder(ip: string | undefined): number | undefined {
  if (ip === undefined) return undefined
  const parts = ip.split('.')
  if (parts.length !== 4) return 2 ** 32
  return parts.reduce((n, part) => n * 256 + (Number(part) || 0), 0)
}

/** Missing values sort last in both directions. */
function compareOptional(a: number | undefined, b: number | undefined, sign: number): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1
  return (a - b) * sign
}

function comparator(column: ConnectionColumn, sign: number, now: number): (a: ConnectionRow, b: ConnectionRow) => number {
  switch (column) {
    case 'name':
      return (a, b) => collator.compare(a.name, b.name) * sign
    case 'status':
      return (a, b) => ((STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9)) * sign || collator.compare(a.name, b.name)
    case 'uptime':
      return (a, b) => compareOptional(a.uptime24h, b.uptime24h, sign) || compareOptional(a.uptime7d, b.uptime7d, sign)
    case 'lastCheck':
      // Failures first when ascending (what needs a look), then by latency.
      return (a, b) =>
        compareOptional(a.lastCheck && (a.lastCheck.ok ? 1 : 0), b.lastCheck && (b.lastCheck.ok ? 1 : 0), sign) ||
        compareOptional(a.lastCheck?.totalMs, b.lastCheck?.totalMs, sign)
    case 'exitIp':
      // Flagged IPs first when ascending, then by address.
      return (a, b) =>
        (Number(b.sharedIp || b.repeatedIp) - Number(a.sharedIp || a.repeatedIp)) * sign ||
        compareOptional(ipOrder(a.exitIp), ipOrder(b.exitIp), sign) ||
        collator.compare(a.exitIp ?? '', b.exitIp ?? '') * sign
    case 'ipChanges':
      return (a, b) => compareOptional(a.ipChanges24h, b.ipChanges24h, sign)
    case 'phone':
      return (a, b) => collator.compare(`${a.manufacturer ?? '~'} ${a.model ?? ''}`, `${b.manufacturer ?? '~'} ${b.model ?? ''}`) * sign
    case 'plan':
      return (a, b) =>
        compareOptional(a.expiresAt === undefined ? undefined : daysLeft(a.expiresAt, now), b.expiresAt === undefined ? undefined : daysLeft(b.expiresAt, now), sign)
    case 'proxies':
      return (a, b) => (a.proxies - b.proxies) * sign
    case 'lastActivity':
      return (a, b) => compareOptional(a.lastActivity, b.lastActivity, sign)
  }
}

/** The rows in the view's order (done once per data or sort change, not per keystroke). */
export function sortRows(rows: readonly ConnectionRow[], sort: ConnectionsView['sort'], now: number): ConnectionRow[] {
  return [...rows].sort(comparator(sort.column, sort.direction === 'asc' ? 1 : -1, now))
}

/** The row's exit IP is flagged (repeated or shared): the "has warning" filter. */
export const hasWarning = (row: ConnectionRow): boolean => row.repeatedIp || row.sharedIp

/** The sorted rows that match the search (every term must appear), the status, the country and the warning filter; order kept. */
export function filterRows(sorted: readonly ConnectionRow[], view: Pick<ConnectionsView, 'search' | 'status' | 'country' | 'warning'>): ConnectionRow[] {
  const terms = view.search.toLowerCase().split(/\s+/).filter(Boolean)
  if (terms.length === 0 && view.status === '' && view.country === '' && !view.warning) return sorted as ConnectionRow[]
  return sorted.filter(
    (row) =>
      (view.status === '' || row.status === view.status) &&
      (view.country === '' || row.country === view.country) &&
      (!view.warning || hasWarning(row)) &&
      terms.every((term) => row.haystack.includes(term)),
  )
}
