/**
 * The watch engine against the simulator over loopback HTTP, driven through the control surface as a user's
 * fleet would behave, with the engine's clock moved by the test (cycles run at once instead of every 30 s).
 * What a user notices: one alert for a phone held offline past the threshold, none for a quick reboot, one when it
 * is back; one alert for an API outage and none for each phone behind it; a rate limit waited out; all of it in
 * the history.
 */
import { afterEach, expect, test } from 'vitest'
import type { WatchEvent, WatchStatus } from '../../../src/shared/watch'
import { openWatchRig, type WatchRig } from './engine-support'

let rig: WatchRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

const kinds = (events: WatchEvent[]) => events.map((e) => e.kind)

test('a phone held offline past "offline after" raises one alert, and one more when it is back', async () => {
  rig = await openWatchRig({ settings: { offlineAfterSeconds: 120, intervalSeconds: 30 } })
  const r = rig
  const phone = r.idOf('Moscow MTS 01')
  // The first answer is the starting point: phones already offline in it (the demo has two) are not news.
  expect(await r.engine.runCycle()).toEqual([])

  await r.control(`/connections/${phone}/status`, { status: 'offline' })
  const seen: WatchEvent[] = []
  for (let i = 0; i < 4; i++) seen.push(...(await r.cycleAfter(30)))
  // First seen down at the first of these cycles; the fourth is 90 s later, short of 120 s.
  expect(seen).toEqual([])
  const raised = await r.cycleAfter(30)
  expect(kinds(raised)).toEqual(['connection_offline'])
  expect(raised[0]).toMatchObject({ connectionId: phone, connectionName: 'Moscow MTS 01', data: { status: 'offline' } })
  expect(raised[0]!.data!.offlineSince).toBe(r.now() - 120_000)
  // Held longer: no repeat.
  for (let i = 0; i < 5; i++) expect(await r.cycleAfter(30)).toEqual([])
  expect(r.engine.status()).toMatchObject({ state: 'some_offline' })

  await r.control(`/connections/${phone}/status`, { status: 'release' })
  const back = await r.cycleAfter(30)
  expect(kinds(back)).toEqual(['connection_online'])
  expect(back[0]!.data!.offlineForMs).toBe(300_000)

  // One batch per cycle that had events, handed to the alerts; both in the history, newest first, with ids.
  expect(r.sink.kinds()).toEqual([['connection_offline'], ['connection_online']])
  const stored = r.store.watchEvents({ connectionId: phone })
  expect(stored.events.map((e) => [e.kind, e.connectionName])).toEqual([
    ['connection_online', 'Moscow MTS 01'],
    ['connection_offline', 'Moscow MTS 01'],
  ])
  expect(r.sink.batches[0]![0]!.id).toBe(stored.events[1]!.id)
  // The status changes went into the history as the app's polls do.
  const timeline = r.store.connectionTimeline(phone, { from: 0, to: Date.now() + 3_600_000 })
  expect(timeline.events.filter((e) => e.kind === 'status').length).toBeGreaterThanOrEqual(2)
})

test('a reboot shorter than "offline after" raises nothing', async () => {
  rig = await openWatchRig({ settings: { offlineAfterSeconds: 120 } })
  const r = rig
  const phone = r.idOf('London EE')
  await r.engine.runCycle()
  await r.control(`/connections/${phone}/status`, { status: 'offline' })
  expect(await r.cycleAfter(30)).toEqual([])
  expect(await r.cycleAfter(30)).toEqual([])
  expect(await r.cycleAfter(30)).toEqual([])
  await r.control(`/connections/${phone}/status`, { status: 'release' })
  for (let i = 0; i < 6; i++) expect(await r.cycleAfter(30)).toEqual([])
  expect(r.sink.batches).toEqual([])
  expect(r.store.watchEvents({}).events).toEqual([])
})

test('API down: one api_unreachable, no per-connection alert while it lasts, then api_recovered', async () => {
  rig = await openWatchRig({ settings: { offlineAfterSeconds: 60 } })
  const r = rig
  const statuses: WatchStatus[] = []
  r.engine.onStatus((s) => statuses.push(s))
  await r.engine.runCycle()
  expect(r.engine.status().state).toBe('some_offline')

  await r.control('/api', { down: true })
  // Every phone "stops answering" from the watch's side, and one really goes down during the outage.
  await r.control(`/connections/${r.idOf('Berlin Telekom')}/status`, { status: 'offline' })
  const during: WatchEvent[] = []
  for (let i = 0; i < 10; i++) during.push(...(await r.cycleAfter(30)))
  expect(kinds(during)).toEqual(['api_unreachable'])
  expect(during[0]!.data).toMatchObject({ reason: 'http_503', httpStatus: 503 })
  expect(r.engine.status().state).toBe('api_unreachable')
  expect(statuses.at(-1)?.state).toBe('api_unreachable')

  await r.control('/api', { down: false })
  expect(kinds(await r.cycleAfter(30))).toEqual(['api_recovered'])
  expect(r.engine.status().state).toBe('some_offline')
  // The phone that went down in the outage is counted from the recovery, like any phone seen down.
  expect(await r.cycleAfter(30)).toEqual([])
  expect(kinds(await r.cycleAfter(30))).toEqual(['connection_offline'])
  expect(r.sink.kinds()).toEqual([['api_unreachable'], ['api_recovered'], ['connection_offline']])
  expect(kinds(r.store.watchEvents({}).events)).toEqual(['connection_offline', 'api_recovered', 'api_unreachable'])
})

test('a refused key is api_unreachable at once (reason auth)', async () => {
  rig = await openWatchRig()
  const r = rig
  await r.engine.runCycle()
  r.sim.state.account.apiKey = 'rotated-elsewhere'
  const events = await r.cycleAfter(30)
  expect(kinds(events)).toEqual(['api_unreachable'])
  expect(events[0]!.data).toMatchObject({ reason: 'auth', httpStatus: 401 })
})

test('429 with Retry-After: one rate_limited, no request before the wait is over, no repeat while limited', async () => {
  rig = await openWatchRig({ settings: { intervalSeconds: 10 } })
  const r = rig
  await r.engine.runCycle()
  await r.control('/api', { rateLimitSeconds: 45 })
  const before = r.statusRequests()
  const limited = await r.cycleAfter(10)
  expect(kinds(limited)).toEqual(['rate_limited'])
  expect(limited[0]!.data).toMatchObject({ retryAfterMs: 45_000 })
  expect(r.statusRequests()).toBe(before + 1)

  // Cycles inside the wait make no request at all.
  for (let i = 0; i < 4; i++) expect(await r.cycleAfter(10)).toEqual([])
  expect(r.statusRequests()).toBe(before + 1)

  // At +50 s the wait is over: one request; still limited, so it waits again, without another alert.
  expect(await r.cycleAfter(10)).toEqual([])
  expect(r.statusRequests()).toBe(before + 2)
  expect(await r.cycleAfter(10)).toEqual([])
  expect(r.statusRequests()).toBe(before + 2)

  await r.control('/api', { rateLimitSeconds: 0 })
  for (let i = 0; i < 4; i++) await r.cycleAfter(10)
  expect(r.statusRequests()).toBe(before + 3)
  expect(r.sink.kinds()).toEqual([['rate_limited']])
})

test('one API request per cycle; the connections list only at the first cycle; a plan ending soon is told once', async () => {
  rig = await openWatchRig({ settings: { planExpiringHours: 48 } })
  const r = rig
  const phone = r.sim.state.connections.get(r.idOf('Miami Verizon'))!
  phone.plan!.expiresAt = Date.now() + 30 * 3_600_000
  const start = r.sim.control.apiRequests()
  const first = await r.engine.runCycle()
  expect(first.map((e) => [e.kind, e.connectionName])).toEqual([['plan_expiring', 'Miami Verizon']])
  expect(first[0]!.data).toMatchObject({ planEndsAt: phone.plan!.expiresAt })
  const afterFirst = r.sim.control.apiRequests()
  expect(afterFirst.total - start.total).toBe(2)
  expect(afterFirst.byPath['/connections']! - (start.byPath['/connections'] ?? 0)).toBe(1)

  for (let i = 0; i < 20; i++) expect(await r.cycleAfter(30)).toEqual([])
  expect(r.sim.control.apiRequestCount() - afterFirst.total).toBe(20)
  expect(r.statusRequests() - (afterFirst.byPath['/connections-status'] ?? 0)).toBe(20)
})

test('a change of IP that kept the same IP is raised with the next batch; stop() stores what is pending', async () => {
  rig = await openWatchRig()
  const r = rig
  await r.engine.runCycle()
  const phone = r.idOf('Berlin Telekom')
  r.engine.reportIpNotChanged(phone, '203.0.113.9')
  const events = await r.cycleAfter(30)
  expect(events.map((e) => [e.kind, e.connectionId, e.connectionName, e.data?.ip])).toEqual([['ip_not_changed', phone, 'Berlin Telekom', '203.0.113.9']])

  r.engine.reportIpNotChanged(phone, '203.0.113.10')
  await r.engine.stop()
  expect(r.store.watchEvents({ kinds: ['ip_not_changed'] }).events.map((e) => e.data?.ip)).toEqual(['203.0.113.10', '203.0.113.9'])
  expect(r.sink.kinds()).toEqual([['ip_not_changed'], ['ip_not_changed']])
})

test('started, it polls on its own at the interval; stop() waits for the cycle in flight and ends polling', async () => {
  // A short interval (the engine's floor lowered as the benchmark does) so the test runs on real time.
  rig = await openWatchRig({ settings: { intervalSeconds: 0.2 }, engine: { minIntervalMs: 200 } })
  const r = rig
  r.sim.faults.add({ path: '/connections-status', fault: { kind: 'latency', ms: 150 } })
  const before = r.statusRequests()
  r.engine.start()
  expect(r.engine.status().running).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  await r.engine.stop()
  const made = r.statusRequests() - before
  expect(made).toBeGreaterThanOrEqual(2)
  expect(r.engine.status()).toMatchObject({ running: false })
  expect(r.engine.status().lastCycleAt).toBeDefined()
  await new Promise((resolve) => setTimeout(resolve, 600))
  expect(r.statusRequests() - before).toBe(made)
})

test('no profile: the engine is idle and makes no request', async () => {
  rig = await openWatchRig({ engine: { client: () => undefined } })
  const before = rig.sim.control.apiRequestCount()
  expect(await rig.engine.runCycle()).toEqual([])
  expect(rig.engine.status()).toMatchObject({ running: false, state: 'unknown' })
  expect(rig.sim.control.apiRequestCount()).toBe(before)
})
