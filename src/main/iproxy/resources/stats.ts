/**
 * `client.stats`: traffic, uptime and IP history of a connection over a period.
 *
 * `from` and `to` take a `Date` or RFC 3339 text and go on the query string as RFC 3339 (URL-encoded).
 */
import {
  ipHistoryResponseSchema,
  statsRangeQuerySchema,
  trafficByDayQuerySchema,
  trafficByDaySchema,
  trafficByHourPortResponseSchema,
  uptimeResponseSchema,
  type IpHistoryEntry,
  type PortTraffic,
  type StatsRangeQuery,
  type TrafficByDay,
  type TrafficByDayQuery,
  type UptimeEntry,
} from '../../../shared/iproxy'
import type { CallOptions, Transport } from '../transport'
import { checked, resolvePath } from './endpoint'

export function createStatsResource(transport: Transport) {
  function query(template: string, connId: string, range: StatsRangeQuery) {
    const path = resolvePath('GET', template, { connId })
    return { path, query: checked(statsRangeQuerySchema, range, 'GET', path, 'query') }
  }

  return {
    /**
     * `GET /connections/{connId}/traffic/by-day?from&to[&timezone]`. `timezone` is an IANA zone; unknown ones fall
     * back to UTC server-side. Resolves to `{ total_in_bytes, total_out_bytes, daily_stats: [{ date, in_bytes, out_bytes }] }`.
     */
    async trafficByDay(connId: string, range: TrafficByDayQuery, options?: CallOptions): Promise<TrafficByDay> {
      const path = resolvePath('GET', '/connections/{connId}/traffic/by-day', { connId })
      const q = checked(trafficByDayQuerySchema, range, 'GET', path, 'query')
      return transport.send({ method: 'GET', path, query: q, schema: trafficByDaySchema }, options)
    },

    /**
     * `GET /connections/{connId}/traffic/by-hour-port?from&to`. Resolves to the per-port list (unwrapped from
     * `{ port_stats }`): `[{ port, total_in_bytes, total_out_bytes, hourly_stats: [{ date, in_bytes, out_bytes }] }]`.
     */
    async trafficByHourPort(connId: string, range: StatsRangeQuery, options?: CallOptions): Promise<PortTraffic[]> {
      const { path, query: q } = query('/connections/{connId}/traffic/by-hour-port', connId, range)
      const res = await transport.send({ method: 'GET', path, query: q, schema: trafficByHourPortResponseSchema }, options)
      return res.port_stats
    },

    /** `GET /connections/{connId}/uptime?from&to`. Resolves to `[{ date, status }]` (unwrapped from `{ uptime }`). */
    async uptime(connId: string, range: StatsRangeQuery, options?: CallOptions): Promise<UptimeEntry[]> {
      const { path, query: q } = query('/connections/{connId}/uptime', connId, range)
      const res = await transport.send({ method: 'GET', path, query: q, schema: uptimeResponseSchema }, options)
      return res.uptime
    },

    /** `GET /connections/{connId}/ip-history?from&to`. Resolves to `[{ date, ipv4?, ipv6? }]` (unwrapped from `{ ip_history }`). */
    async ipHistory(connId: string, range: StatsRangeQuery, options?: CallOptions): Promise<IpHistoryEntry[]> {
      const { path, query: q } = query('/connections/{connId}/ip-history', connId, range)
      const res = await transport.send({ method: 'GET', path, query: q, schema: ipHistoryResponseSchema }, options)
      return res.ip_history
    },
  }
}

export type StatsResource = ReturnType<typeof createStatsResource>
