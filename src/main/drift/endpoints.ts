/**
 * Every read-only endpoint of the Console API documentation (the seed) that the drift report calls, once each,
 * with the schema the app parses its answer with. Nothing here writes: no POST, no DELETE, and never an action
 * link's own URL (running one reboots a phone or changes its IP).
 *
 * `needs` names the id an endpoint's path takes: `connection` is the first connection of the list, `ovpn` the
 * first OpenVPN access of that connection. An endpoint whose id is not there (an empty account) is skipped.
 */
import type { z } from 'zod'
import {
  actionLinkListResponseSchema,
  connectionListResponseSchema,
  connectionSchema,
  connectionStatusListResponseSchema,
  ipHistoryResponseSchema,
  ovpnAccessListResponseSchema,
  ovpnConfigResponseSchema,
  proxyAccessListResponseSchema,
  smsHistoryResponseSchema,
  trafficByDaySchema,
  trafficByHourPortResponseSchema,
  uptimeResponseSchema,
  userInfoSchema,
} from '../../shared/iproxy'

export type DriftNeed = 'connection' | 'ovpn'

export interface DriftEndpoint {
  /** The documented path template: what the report names (never a real id). */
  path: string
  schema: z.ZodType
  needs?: DriftNeed
  /** A period: the last `days` days up to now, as the `from` / `to` query. */
  periodDays?: number
}

export const DRIFT_ENDPOINTS: readonly DriftEndpoint[] = [
  { path: '/me', schema: userInfoSchema },
  { path: '/connections', schema: connectionListResponseSchema },
  { path: '/connections-status', schema: connectionStatusListResponseSchema },
  { path: '/proxy-access', schema: proxyAccessListResponseSchema },
  { path: '/ovpn-access', schema: ovpnAccessListResponseSchema },
  { path: '/actionlinks', schema: actionLinkListResponseSchema },
  { path: '/connections/{connId}', schema: connectionSchema, needs: 'connection' },
  { path: '/connections/{connId}/proxy-access', schema: proxyAccessListResponseSchema, needs: 'connection' },
  { path: '/connections/{connId}/ovpn-access', schema: ovpnAccessListResponseSchema, needs: 'connection' },
  { path: '/connections/{connId}/ovpn-access/{ovpnId}/config', schema: ovpnConfigResponseSchema, needs: 'ovpn' },
  { path: '/connections/{connId}/actionlinks', schema: actionLinkListResponseSchema, needs: 'connection' },
  { path: '/connections/{connId}/sms-history', schema: smsHistoryResponseSchema, needs: 'connection' },
  { path: '/connections/{connId}/traffic/by-day', schema: trafficByDaySchema, needs: 'connection', periodDays: 7 },
  { path: '/connections/{connId}/traffic/by-hour-port', schema: trafficByHourPortResponseSchema, needs: 'connection', periodDays: 1 },
  { path: '/connections/{connId}/uptime', schema: uptimeResponseSchema, needs: 'connection', periodDays: 1 },
  { path: '/connections/{connId}/ip-history', schema: ipHistoryResponseSchema, needs: 'connection', periodDays: 7 },
]
