/** A connection's statistics for a window (read-only), cached per connection and window. */
import type { IpHistoryEntry, PortTraffic, TrafficByDay, UptimeEntry } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import { createCache, useCached } from './cache'

/** A statistics window: RFC 3339 bounds and the IANA zone days are counted in. */
export interface StatsWindow {
  from: string
  to: string
  timezone: string
}

export interface ConnectionStats {
  byDay: TrafficByDay
  byHourPort: PortTraffic[]
  uptime: UptimeEntry[]
  ipHistory: IpHistoryEntry[]
}

export const connectionStatsCache = createCache<ConnectionStats>()

export function statsKey(connId: string, window: StatsWindow): string {
  return `${connId}|${window.from}|${window.to}|${window.timezone}`
}

/** All four statistics of a connection for a window, in parallel; one failure fails the load (and keeps the last). */
export async function fetchConnectionStats(connId: string, window: StatsWindow): Promise<ConnectionStats> {
  const api = getApi().stats
  const range = { connId, from: window.from, to: window.to }
  const [byDay, byHourPort, uptime, ipHistory] = await Promise.all([
    api.trafficByDay({ ...range, timezone: window.timezone }),
    api.trafficByHourPort(range),
    api.uptime(range),
    api.ipHistory(range),
  ])
  return { byDay, byHourPort, uptime, ipHistory }
}

export const useConnectionStats = (connId: string | undefined, window: StatsWindow) =>
  useCached(connectionStatsCache, connId ? statsKey(connId, window) : undefined, () => fetchConnectionStats(connId ?? '', window))
