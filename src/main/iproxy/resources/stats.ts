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
import { createRequester } from './request'

export function createStatsResource(transport: Transport) {
  const request = createRequester(transport)
  /** The ids and query of a GET over a period: `range` goes on the query string once it passed its schema. */
  const overPeriod = (connId: string, range: StatsRangeQuery) => ({ ids: { connId }, query: range, querySchema: statsRangeQuerySchema })

  return {
    /**
     * `GET /connections/{connId}/traffic/by-day?from&to[&timezone]`. `timezone` is an IANA zone; unknown ones fall
     * back to UTC server-side. Resolves to `{ total_in_bytes, total_out_bytes, daily_stats: [{ date, in_bytes, out_bytes }] }`.
     */
    async trafficByDay(connId: string, range: TrafficByDayQuery, options?: CallOptions): Promise<TrafficByDay> {
      const query = { ids: { connId }, query: range, querySchema: trafficByDayQuerySchema }
      return request.get('/connections/{connId}/traffic/by-day', { ...query, schema: trafficByDaySchema }, options)
    },

    /**
     * `GET /connections/{connId}/traffic/by-hour-port?from&to`. Resolves to the per-port list (unwrapped from
     * `{ port_stats }`): `[{ port, total_in_bytes, total_out_bytes, hourly_stats: [{ date, in_bytes, out_bytes }] }]`.
     */
    async trafficByHourPort(connId: string, range: StatsRangeQuery, options?: CallOptions): Promise<PortTraffic[]> {
      const res = await request.get(
        '/connections/{connId}/traffic/by-hour-port',
        { ...overPeriod(connId, range), schema: trafficByHourPortResponseSchema },
        options,
      )
      return res.port_stats
    },

    /** `GET /connections/{connId}/uptime?from&to`. Resolves to `[{ date, status }]` (unwrapped from `{ uptime }`). */
    async uptime(connId: string, range: StatsRangeQuery, options?: CallOptions): Promise<UptimeEntry[]> {
      const res = await request.get('/connections/{connId}/uptime', { ...overPeriod(connId, range), schema: uptimeResponseSchema }, options)
      return res.uptime
    },

    /** `GET /connections/{connId}/ip-history?from&to`. Resolves to `[{ date, ipv4?, ipv6? }]` (unwrapped from `{ ip_history }`). */
    async ipHistory(connId: string, range: StatsRangeQuery, options?: CallOptions): Promise<IpHistoryEntry[]> {
      const res = await request.get(
        '/connections/{connId}/ip-history',
        { ...overPeriod(connId, range), schema: ipHistoryResponseSchema },
        options,
      )
      return res.ip_history
    },
  }
}

export type StatsResource = ReturnType<typeof createStatsResource>
