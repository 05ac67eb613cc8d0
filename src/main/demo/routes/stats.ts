import { statsRangeQuerySchema, trafficByDayQuerySchema } from '../../../shared/iproxy'
import { ipHistory, trafficByDay, trafficByHourPort, uptime } from '../stats'
import { getConnection } from '../state/connections'
import { listProxies } from '../state/proxies'
import { ok, validated, type Route, type RouteRequest } from './router'

/** `from`/`to` checked with the client's own schema; other query parameters are ignored. */
function range(req: RouteRequest): { fromMs: number; toMs: number } {
  const q = validated(statsRangeQuerySchema, pick(req.query, ['from', 'to']))
  return { fromMs: Date.parse(q.from), toMs: Date.parse(q.to) }
}

function pick(query: URLSearchParams, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of keys) {
    const value = query.get(key)
    if (value !== null) out[key] = value
  }
  return out
}

export const statsRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/connections/:connId/traffic/by-day',
    handler: (req, { state }) => {
      const conn = getConnection(state, req.params.connId ?? '')
      const q = validated(trafficByDayQuerySchema, pick(req.query, ['from', 'to', 'timezone']))
      return ok(trafficByDay(conn, Date.parse(q.from), Date.parse(q.to), state.now(), q.timezone))
    },
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/traffic/by-hour-port',
    handler: (req, { state }) => {
      const conn = getConnection(state, req.params.connId ?? '')
      const { fromMs, toMs } = range(req)
      return ok(trafficByHourPort(conn, listProxies(state, conn.id), fromMs, toMs, state.now()))
    },
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/uptime',
    handler: (req, { state }) => {
      const conn = getConnection(state, req.params.connId ?? '')
      const { fromMs, toMs } = range(req)
      return ok(uptime(conn, fromMs, toMs, state.now()))
    },
  },
  {
    method: 'GET',
    pattern: '/connections/:connId/ip-history',
    handler: (req, { state }) => {
      const conn = getConnection(state, req.params.connId ?? '')
      const { fromMs, toMs } = range(req)
      return ok(ipHistory(conn, fromMs, toMs))
    },
  },
]
