/**
 * The fleet watch's events on a real history file: stored with ids, read newest first with the names the history
 * keeps, filtered by time, kind and connection, truncated past the limit, kept across a reopen, pruned by retention.
 */
import { expect, test } from 'vitest'
import { openHistoryStore } from '../../../src/main/history'
import { DAY_MS } from '../../../src/shared/history'
import type { WatchEvent } from '../../../src/shared/watch'
import { HOUR, memoryLog, MIN, T0, tempDir } from './support'

test('events are stored with ids and read newest first, named from the history', async () => {
  const dir = tempDir()
  let store = await openHistoryStore(dir, { log: memoryLog().log, now: () => T0 + DAY_MS })
  store.recordConnectionNames([{ connectionId: 'c1', name: 'Moscow MTS 01' }])
  const stored = store.recordWatchEvents([
    { kind: 'connection_offline', at: T0, connectionId: 'c1', data: { offlineSince: T0 - 2 * MIN, status: 'offline' } },
    { kind: 'api_unreachable', at: T0 + MIN, data: { reason: 'http_503' } },
    // A connection the history has not named yet takes the event's name.
    { kind: 'connection_offline', at: T0 + 2 * MIN, connectionId: 'c2', connectionName: 'Berlin Telekom' },
    { kind: 'connection_online', at: T0 + 3 * MIN, connectionId: 'c1', connectionName: 'a stale name' },
  ])
  expect(stored.map((e) => typeof e.id)).toEqual(['number', 'number', 'number', 'number'])

  const all = store.watchEvents({})
  expect(all.truncated).toBe(false)
  expect(all.events.map((e) => [e.kind, e.connectionId, e.connectionName])).toEqual([
    ['connection_online', 'c1', 'Moscow MTS 01'],
    ['connection_offline', 'c2', 'Berlin Telekom'],
    ['api_unreachable', undefined, undefined],
    ['connection_offline', 'c1', 'Moscow MTS 01'],
  ])
  expect(all.events[3]!.data).toEqual({ offlineSince: T0 - 2 * MIN, status: 'offline' })
  expect(all.events[2]!.data).toEqual({ reason: 'http_503' })

  expect(store.watchEvents({ connectionId: 'c1' }).events.map((e) => e.kind)).toEqual(['connection_online', 'connection_offline'])
  expect(store.watchEvents({ connectionId: 'nobody' }).events).toEqual([])
  expect(store.watchEvents({ kinds: ['api_unreachable', 'connection_online'] }).events.map((e) => e.kind)).toEqual(['connection_online', 'api_unreachable'])
  expect(store.watchEvents({ from: T0 + MIN, to: T0 + 2 * MIN }).events.map((e) => e.at)).toEqual([T0 + 2 * MIN, T0 + MIN])
  const two = store.watchEvents({ limit: 2 })
  expect(two.truncated).toBe(true)
  expect(two.events.map((e) => e.at)).toEqual([T0 + 3 * MIN, T0 + 2 * MIN])

  // Still there after a reopen (the command line reads what the app wrote).
  await store.close()
  store = await openHistoryStore(dir, { log: memoryLog().log })
  expect(store.watchEvents({}).events).toHaveLength(4)
  await store.close()
})

test('an event of an unknown kind is refused and nothing of its batch is stored', async () => {
  const store = await openHistoryStore(tempDir(), { log: memoryLog().log })
  const bad = [{ kind: 'connection_offline', at: T0, connectionId: 'c1' }, { kind: 'exploded', at: T0 }] as unknown as WatchEvent[]
  expect(() => store.recordWatchEvents(bad)).toThrow(/"exploded" is not an event kind/)
  expect(store.watchEvents({}).events).toEqual([])
  await store.close()
})

test('retention prunes watch events older than the setting and keeps recent ones', async () => {
  const now = T0 + 100 * DAY_MS
  const store = await openHistoryStore(tempDir(), { log: memoryLog().log, now: () => now })
  store.recordWatchEvents(Array.from({ length: 1_500 }, (_, i) => ({ kind: 'connection_offline' as const, at: T0 + i * MIN, connectionId: `c${i % 7}` })))
  store.recordWatchEvents([{ kind: 'api_recovered', at: now - HOUR }])
  expect(await store.pruneExpired()).toBeGreaterThanOrEqual(1_500)
  expect(store.watchEvents({}).events.map((e) => e.kind)).toEqual(['api_recovered'])
  await store.close()
})
