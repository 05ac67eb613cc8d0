/**
 * The Connections table's rows: each connection joined with its live status and its number of proxy accesses,
 * then searched, filtered and sorted. Pure functions, so a keystroke costs one pass over prepared rows.
 */
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
  lastActivity?: number | undefined
  /** Lower-case text the search looks in. */
  haystack: string
}

export function proxyCounts(proxies: readonly ProxyAccessView[] | undefined): Map<string, number> {
  const counts = new Map<string, number>()
  for (const proxy of proxies ?? []) counts.set(proxy.connection_id, (counts.get(proxy.connection_id) ?? 0) + 1)
  return counts
}

export function buildRows(
  connections: readonly Connection[],
  statuses: readonly ConnectionStatus[] | undefined,
  counts: ReadonlyMap<string, number>,
): ConnectionRow[] {
  const byId = new Map<string, ConnectionStatus>()
  for (const status of statuses ?? []) byId.set(status.connection_id, status)
  return connections.map((c) => {
    const status = byId.get(c.id)
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
      proxies: counts.get(c.id) ?? 0,
      lastActivity: timeMs(c.app_data?.last_activity_at),
      haystack: '',
    }
    row.haystack = [row.name, c.basic_info.description, c.id, row.country, row.city, row.manufacturer, row.model, row.planId]
      .filter(Boolean)
      .join('\n')
      .toLowerCase()
    return row
  })
}

const STATUS_ORDER: Record<string, number> = { online: 0, flapping: 1, offline: 2, nodata: 3 }
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

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
    case 'location':
      return (a, b) => collator.compare(`${a.country} ${a.city}`, `${b.country} ${b.city}`) * sign
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

/** The sorted rows that match the search (every term must appear), the status and the country; order kept. */
export function filterRows(sorted: readonly ConnectionRow[], view: Pick<ConnectionsView, 'search' | 'status' | 'country'>): ConnectionRow[] {
  const terms = view.search.toLowerCase().split(/\s+/).filter(Boolean)
  if (terms.length === 0 && view.status === '' && view.country === '') return sorted as ConnectionRow[]
  return sorted.filter(
    (row) =>
      (view.status === '' || row.status === view.status) &&
      (view.country === '' || row.country === view.country) &&
      terms.every((term) => row.haystack.includes(term)),
  )
}
