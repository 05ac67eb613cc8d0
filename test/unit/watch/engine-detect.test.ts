/**
 * The watch's event rules on their own (detect.ts, detect-api.ts), fed answers and times: the cases the simulator
 * tests do not reach easily (nodata, flapping, phones down at start, deleted phones, plans prolonged, API blips).
 */
import { expect, test } from 'vitest'
import { detectApiAnswer, detectApiFailure, emptyApiMemory } from '../../../src/main/watch/detect-api'
import { detectPlanEvents, detectStatusEvents, emptyFleetMemory, fleetCounts } from '../../../src/main/watch/detect'
import { IproxyAbortError, IproxyAuthError, IproxyConnectionError, IproxyRateLimitError, IproxyServerError } from '../../../src/main/iproxy'
import type { ConnectionStatus } from '../../../src/shared/iproxy'

const S = 1_000
const rules = { offlineAfterMs: 60 * S, nameOf: (id: string) => (id === 'a' ? 'Phone A' : undefined) }
const answer = (statuses: Record<string, string>): ConnectionStatus[] =>
  Object.entries(statuses).map(([connection_id, online_status]) => ({ connection_id, online_status }) as ConnectionStatus)
const kinds = (events: Array<{ kind: string; connectionId?: string }>) => events.map((e) => `${e.kind}:${e.connectionId ?? ''}`)

test('nodata is an outage only after the phone was seen up; flapping counts as up', () => {
  const m = emptyFleetMemory()
  expect(detectStatusEvents(m, answer({ a: 'nodata', b: 'online', c: 'flapping' }), 0, rules)).toEqual([])
  expect(kinds(detectStatusEvents(m, answer({ a: 'nodata', b: 'nodata', c: 'flapping' }), 70 * S, rules))).toEqual([])
  expect(kinds(detectStatusEvents(m, answer({ a: 'nodata', b: 'nodata', c: 'flapping' }), 130 * S, rules))).toEqual(['connection_offline:b'])
  expect(fleetCounts(m)).toEqual({ total: 3, online: 1, offline: 1 })
})

test('a phone down at the first answer is the starting point; once seen up, its next outage is alerted', () => {
  const m = emptyFleetMemory()
  expect(detectStatusEvents(m, answer({ a: 'offline' }), 0, rules)).toEqual([])
  expect(detectStatusEvents(m, answer({ a: 'offline' }), 600 * S, rules)).toEqual([])
  // Back up: no online event (nothing was alerted).
  expect(detectStatusEvents(m, answer({ a: 'online' }), 700 * S, rules)).toEqual([])
  expect(detectStatusEvents(m, answer({ a: 'offline' }), 710 * S, rules)).toEqual([])
  const events = detectStatusEvents(m, answer({ a: 'offline' }), 770 * S, rules)
  expect(events).toEqual([{ kind: 'connection_offline', at: 770 * S, connectionId: 'a', connectionName: 'Phone A', data: { offlineSince: 710 * S, status: 'offline' } }])
})

test('a phone new to a running watch and already down is counted from then; a deleted phone is forgotten', () => {
  const m = emptyFleetMemory()
  detectStatusEvents(m, answer({ a: 'online' }), 0, rules)
  expect(detectStatusEvents(m, answer({ a: 'online', n: 'offline' }), 10 * S, rules)).toEqual([])
  expect(kinds(detectStatusEvents(m, answer({ a: 'online', n: 'offline' }), 70 * S, rules))).toEqual(['connection_offline:n'])
  expect(detectStatusEvents(m, answer({ a: 'online' }), 80 * S, rules)).toEqual([])
  expect(fleetCounts(m)).toEqual({ total: 1, online: 1, offline: 0 })
})

test('offline-after 0 alerts at the first cycle that sees the phone down', () => {
  const m = emptyFleetMemory()
  detectStatusEvents(m, answer({ a: 'online' }), 0, rules)
  expect(kinds(detectStatusEvents(m, answer({ a: 'offline' }), 10 * S, { ...rules, offlineAfterMs: 0 }))).toEqual(['connection_offline:a'])
})

test('plan_expiring once per plan end; a prolonged plan that nears its new end is told again', () => {
  const alerted = new Set<string>()
  const H = 3_600_000
  const within = 48 * H
  expect(detectPlanEvents([{ connectionId: 'a', endsAt: 100 * H }], 0, within, alerted)).toEqual([])
  const first = detectPlanEvents([{ connectionId: 'a', name: 'Phone A', endsAt: 100 * H }], 60 * H, within, alerted)
  expect(first).toEqual([{ kind: 'plan_expiring', at: 60 * H, connectionId: 'a', connectionName: 'Phone A', data: { planEndsAt: 100 * H, hoursLeft: 40 } }])
  expect(detectPlanEvents([{ connectionId: 'a', endsAt: 100 * H }], 90 * H, within, alerted)).toEqual([])
  // Ended: nothing more. Prolonged by 30 days: a new period, a new event when it nears.
  expect(detectPlanEvents([{ connectionId: 'a', endsAt: 100 * H }], 101 * H, within, alerted)).toEqual([])
  expect(detectPlanEvents([{ connectionId: 'a', endsAt: 820 * H }], 780 * H, within, alerted)).toHaveLength(1)
})

const err = {
  server: () => new IproxyServerError('down', { status: 503, method: 'GET', path: '/connections-status' }),
  refused: () => new IproxyConnectionError('refused', { status: 0, method: 'GET', path: '/connections-status' }),
  auth: () => new IproxyAuthError('no', { status: 401, method: 'GET', path: '/connections-status' }),
  limited: (retryAfterMs?: number) => new IproxyRateLimitError('slow', { status: 429, method: 'GET', path: '/connections-status', ...(retryAfterMs ? { retryAfterMs } : {}) }),
  abort: () => new IproxyAbortError('stop', { status: 0, method: 'GET', path: '/connections-status' }),
}

test('one failed poll is a blip; two in a row are api_unreachable, once; an answer is api_recovered', () => {
  const m = emptyApiMemory()
  expect(detectApiFailure(m, err.server(), 0, 30 * S).events).toEqual([])
  expect(detectApiAnswer(m, 30 * S)).toEqual([])
  expect(detectApiFailure(m, err.refused(), 60 * S, 30 * S).events).toEqual([])
  const down = detectApiFailure(m, err.server(), 90 * S, 30 * S).events
  expect(down).toEqual([{ kind: 'api_unreachable', at: 90 * S, data: { reason: 'http_503', httpStatus: 503, failures: 2 } }])
  expect(detectApiFailure(m, err.refused(), 120 * S, 30 * S).events).toEqual([])
  expect(detectApiAnswer(m, 150 * S)).toEqual([{ kind: 'api_recovered', at: 150 * S }])
  expect(detectApiAnswer(m, 180 * S)).toEqual([])
})

test('a refused key is api_unreachable at once; a cancelled poll is nothing', () => {
  const m = emptyApiMemory()
  expect(detectApiFailure(m, err.abort(), 0, 30 * S).events).toEqual([])
  expect(detectApiFailure(m, err.auth(), 0, 30 * S).events.map((e) => e.data?.reason)).toEqual(['auth'])
})

test('429: Retry-After sets the next poll; without one, twice the interval; one event per run of limits', () => {
  const m = emptyApiMemory()
  const first = detectApiFailure(m, err.limited(45 * S), 0, 30 * S)
  expect(first).toEqual({ events: [{ kind: 'rate_limited', at: 0, data: { retryAfterMs: 45 * S } }], notBefore: 45 * S })
  expect(detectApiFailure(m, err.limited(), 50 * S, 30 * S)).toEqual({ events: [], notBefore: 110 * S })
  expect(m.limitedUntil).toBe(110 * S)
  detectApiAnswer(m, 120 * S)
  expect(m.limitedUntil).toBeUndefined()
  expect(detectApiFailure(m, err.limited(), 130 * S, 30 * S).events).toHaveLength(1)
})
