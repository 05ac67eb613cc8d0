/**
 * Retention on a real file: history older than the setting is deleted in chunks, each in a later turn of the
 * event loop (other work runs between them), the status in effect at the cutoff is kept, recent history is not
 * touched, and writing goes on correctly afterwards.
 */
import { expect, test } from 'vitest'
import { openHistoryStore } from '../../../src/main/history'
import { PRUNE_CHUNK_ROWS, RetentionPruner } from '../../../src/main/history/retention'
import { DAY_MS } from '../../../src/shared/history'
import { check, HOUR, memoryLog, MIN, T0, tempDir } from './support'

test('expired history goes in chunks between turns of the event loop; what is needed stays', async () => {
  const now = T0 + 100 * DAY_MS
  const store = await openHistoryStore(tempDir(), { log: memoryLog().log, now: () => now })
  const OLD = 2_500
  // 90 days back from now is T0 + 10 days: everything below is older.
  store.recordStatuses([{ connection_id: 'c1', online_status: 'online' }], T0)
  store.recordStatuses([{ connection_id: 'c1', online_status: 'offline' }], T0 + DAY_MS)
  store.recordStatuses([{ connection_id: 'c1', online_status: 'online' }], T0 + 2 * DAY_MS)
  store.recordChecks(Array.from({ length: OLD }, (_, i) => check('p1', 'c1', T0 + i * MIN, { ip: `192.0.2.${1 + (i % 2)}` })))
  store.recordAction({ connectionId: 'c1', kind: 'reboot', outcome: 'ok', by: 'user', at: T0 })
  // Recent.
  store.recordStatuses([{ connection_id: 'c1', online_status: 'offline' }], now - DAY_MS)
  store.recordChecks([check('p1', 'c1', now - HOUR, { ip: '192.0.2.7' })])
  store.recordAction({ connectionId: 'c1', kind: 'change_ip', outcome: 'ok', by: 'rule', at: now - HOUR })
  const before = store.board()

  // Other work keeps running while pruning: count the turns it gets.
  let turns = 0
  let done = false
  const other = () => {
    turns++
    if (!done) setImmediate(other)
  }
  setImmediate(other)
  const pruning = store.pruneExpired()
  // Nothing is deleted on the caller's path.
  expect(store.events({ connectionId: 'c1', from: 0, to: T0 + 10 * DAY_MS, kinds: ['check'], limit: 20_000 }).events).toHaveLength(OLD)
  const deleted = await pruning
  done = true
  // Checks, the old action, two of three old status changes, and the old IP stretches (one per alternating
  // check) but the last: the IP in effect at the cutoff, from which the first change inside the window is counted.
  expect(deleted).toBe(OLD + 1 + 2 + OLD - 1)
  expect(turns).toBeGreaterThanOrEqual(Math.ceil(OLD / PRUNE_CHUNK_ROWS))

  const all = store.connectionTimeline('c1', { from: 0, to: now })
  expect(all.events.map((e) => [e.kind, e.at])).toEqual([
    ['check', now - HOUR],
    ['ip', now - HOUR],
    ['action', now - HOUR],
    ['status', now - DAY_MS],
    // The status and IP in effect when the 90 days start: uptime over 7 days still knows the phone was online.
    ['status', T0 + 2 * DAY_MS],
    ['ip', T0 + (OLD - 1) * MIN],
  ])
  expect(store.board()).toEqual(before)
  // Writing goes on: an IP seen before the cutoff and seen again starts a stretch of its own.
  store.recordChecks([check('p1', 'c1', now, { ip: '192.0.2.1' })])
  expect(store.exitIps('c1').map((ip) => [ip.ip, ip.firstSeen])).toEqual([
    ['192.0.2.1', now],
    ['192.0.2.7', now - HOUR],
    ['192.0.2.2', T0 + (OLD - 1) * MIN],
  ])
  expect(await store.pruneExpired()).toBe(0)

  // A shorter retention prunes more.
  store.setRetentionDays(1)
  // Only the status change of 98 days ago goes: the one a day ago is the status in effect at the new cutoff.
  expect(await store.pruneExpired()).toBe(1)
  await store.close()
})

test('the schedule prunes at start and then every interval, and stops', async () => {
  const steps: number[] = []
  let expired = 3
  const pruner = new RetentionPruner({
    step: (cutoff) => {
      steps.push(cutoff)
      return expired > 0 ? (expired--, 1) : 0
    },
    retentionDays: () => 10,
    now: () => 20 * DAY_MS,
    log: memoryLog().log,
    intervalMs: 30,
  })
  pruner.start()
  await new Promise((resolve) => setTimeout(resolve, 100))
  await pruner.stop()
  const count = steps.length
  expect(steps.every((cutoff) => cutoff === 10 * DAY_MS)).toBe(true)
  // The first pass: 3 chunks + the one that found nothing; then at least one more pass from the interval.
  expect(count).toBeGreaterThanOrEqual(5)
  await new Promise((resolve) => setTimeout(resolve, 80))
  expect(steps.length).toBe(count)
})
