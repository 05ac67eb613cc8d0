/**
 * Scheduled checks through the engine, against the simulator's real proxies: off by default; when on, the chosen
 * connections' proxies are checked spread over the period (not all at once), results land in the history as the
 * Health screen's do, and a proxy failing N times in a row (its phone held offline) raises one check_failed.
 */
import { afterEach, expect, test } from 'vitest'
import { checkHistoryInStore } from '../../../src/main/history/check-history'
import { createScheduledChecks, proxyChecker, type ScheduledChecks } from '../../../src/main/watch/scheduled-checks'
import type { Simulator } from '../../../src/main/demo'
import { openWatchRig, type WatchRig } from './engine-support'

let rig: WatchRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

/** A demo phone whose proxies all answer plainly (no IP allow-list, no expiry, a login). */
function plainPhone(sim: Simulator): { id: string; proxies: string[] } {
  for (const conn of sim.state.connections.values()) {
    if (conn.status !== 'online' || !conn.ip) continue
    const proxies = [...sim.state.proxies.values()].filter((p) => p.connectionId === conn.id)
    if (proxies.length >= 2 && proxies.every((p) => p.bound && p.aclIps.length === 0 && !p.expiresAt)) return { id: conn.id, proxies: proxies.map((p) => p.id) }
  }
  throw new Error('no plain demo phone')
}

async function settle(checks: ScheduledChecks): Promise<void> {
  for (let i = 0; i < 200 && checks.inFlight() > 0; i++) await new Promise((r) => setTimeout(r, 25))
}

test('off by default: no proxies read, nothing checked', async () => {
  let checksMade = 0
  rig = await openWatchRig({
    checks: ({ sim, store, raise }) =>
      createScheduledChecks({ check: async (a, s) => (checksMade++, proxyChecker(async () => sim.echoUrl, async () => 5_000)(a, s)), history: checkHistoryInStore(store, () => undefined), raise, log: () => undefined }),
  })
  for (let i = 0; i < 5; i++) await rig.cycleAfter(30)
  expect(checksMade).toBe(0)
  expect(rig.sim.control.apiRequestCount('/proxy-access')).toBe(0)
})

test('checks spread over the period, into the history; three failures in a row raise one check_failed', async () => {
  const started: Array<{ proxy: string; at: number }> = []
  let checks: ScheduledChecks | undefined
  let phone: { id: string; proxies: string[] } | undefined
  rig = await openWatchRig({
    settings: { intervalSeconds: 10, checkFailuresInRow: 3 },
    checks: ({ sim, store, raise }) => {
      phone = plainPhone(sim)
      const check = proxyChecker(async () => sim.echoUrl, async () => 3_000)
      checks = createScheduledChecks({
        check: (access, signal) => {
          started.push({ proxy: access.id, at: rig!.now() })
          return check(access, signal)
        },
        history: checkHistoryInStore(store, () => undefined, { writeDelayMs: 5 }),
        raise,
        log: () => undefined,
      })
      return checks
    },
  })
  const r = rig
  r.settings.scheduledChecks = { enabled: true, everyMinutes: 1, connectionIds: [phone!.id] }
  // The first cycle reads the proxies (one request); the slots start from there.
  await r.engine.runCycle()
  await settle(checks!)
  for (let i = 0; i < 6; i++) {
    await r.cycleAfter(10)
    await settle(checks!)
  }
  // Every proxy of the phone once in the minute, at different cycles: spread, not all at once.
  const firstRound = started.slice(0, phone!.proxies.length)
  expect(new Set(firstRound.map((s) => s.proxy))).toEqual(new Set(phone!.proxies))
  expect(new Set(firstRound.map((s) => s.at)).size).toBe(phone!.proxies.length)
  expect(firstRound.at(-1)!.at - firstRound[0]!.at).toBeLessThan(60_000)
  // The proxies are read at the start and once a period (the minute ended at the last cycle), never per check.
  expect(r.sim.control.apiRequestCount('/proxy-access')).toBe(2)
  // In the history as the Health screen's checks: the proxy's dots.
  const stored = r.store.recentChecks(phone!.proxies, 10)
  for (const id of phone!.proxies) expect(stored[id]?.[0]?.status).toBe('ok')

  // The phone drops: each proxy fails every minute; on the third failure in a row, one check_failed each.
  await r.control(`/connections/${phone!.id}/status`, { status: 'offline' })
  const events = []
  for (let i = 0; i < 24; i++) {
    events.push(...(await r.cycleAfter(10)))
    await settle(checks!)
  }
  events.push(...(await r.cycleAfter(1)))
  const failed = events.filter((e) => e.kind === 'check_failed')
  expect(failed.map((e) => e.data?.proxyKey).sort()).toEqual([...phone!.proxies].sort())
  expect(failed.every((e) => e.connectionId === phone!.id && e.data?.failures === 3 && e.data?.reason !== 'ok')).toBe(true)
  expect(r.store.watchEvents({ kinds: ['check_failed'] }).events).toHaveLength(phone!.proxies.length)
})
