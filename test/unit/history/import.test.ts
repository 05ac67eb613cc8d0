/**
 * The one-time import of health-history.json: a file written by the real old history code (main/health/
 * history.ts) is imported whole, renamed `.imported`, and never imported twice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { createHealthHistory, HISTORY_FILE } from '../../../src/main/health/history'
import { IMPORTED_SUFFIX, openHistoryStore } from '../../../src/main/history'
import { HEALTH_HISTORY_LIMIT, HEALTH_STATUSES, type HealthCheckResult } from '../../../src/shared/health'
import { check, memoryLog, T0, tempDir } from './support'

function result(i: number): HealthCheckResult {
  const status = HEALTH_STATUSES[i % HEALTH_STATUSES.length]!
  const ok = status === 'ok'
  return {
    ok,
    status,
    ...(ok ? { exitIp: i % 3 === 0 ? `2001:db8::${i}` : `192.0.2.${i % 250}`, geo: { country: 'PL' }, ipMismatch: i % 4 === 0 } : { error: 'no' }),
    timings: { totalMs: 100 + i + 0.3 },
    checkedAt: new Date(T0 + i * 60_000).toISOString(),
  }
}

/** The old history's own file: keys with up to HEALTH_HISTORY_LIMIT results each, written the old way. */
async function writeOldFile(dir: string): Promise<{ keys: string[]; expected: Awaited<ReturnType<ReturnType<typeof createHealthHistory>['get']>> }> {
  const old = createHealthHistory({ dataDir: dir, log: memoryLog().log, writeDelayMs: 1 })
  const keys = ['proxy-a', 'proxy-b', 'socks5://bob@[2001:db8::5]:1080', 'http://203.0.113.9:8080']
  for (let i = 0; i < 60; i++) old.record(keys[i % keys.length]!, result(i))
  await old.flush()
  const expected = await old.get(keys)
  expect(Object.values(expected).map((list) => list.length)).toEqual([15, 15, 15, 15])
  return { keys, expected }
}

test('health-history.json written by the old code is imported whole, then renamed .imported', async () => {
  const dir = tempDir()
  const { keys, expected } = await writeOldFile(dir)
  const path = join(dir, HISTORY_FILE)
  const original = readFileSync(path, 'utf8')
  const { log, lines } = memoryLog()

  const store = await openHistoryStore(dir, { log })
  expect(existsSync(path)).toBe(false)
  expect(readFileSync(path + IMPORTED_SUFFIX, 'utf8')).toBe(original)
  expect(lines.some((line) => line.startsWith('check history: 60 results imported from'))).toBe(true)
  // Every entry, every field: what the health screen showed from the file, it now shows from the database.
  expect(store.recentChecks(keys, HEALTH_HISTORY_LIMIT)).toEqual(expected)
  await store.close()

  // The next start leaves the renamed file alone and imports nothing again.
  const again = await openHistoryStore(dir, { log: memoryLog().log })
  expect(again.recentChecks(keys, 100)).toEqual(expected)
  await again.close()
})

test('imported checks join their connection when a later check names it', async () => {
  const dir = tempDir()
  await writeOldFile(dir)
  const store = await openHistoryStore(dir, { log: memoryLog().log, now: () => T0 + 86_400_000 })
  expect(store.connectionTimeline('c1', { from: 0, to: T0 + 86_400_000 }).events).toEqual([])
  store.recordChecks([check('proxy-a', 'c1', T0 + 3_600_000)])
  const checks = store.connectionTimeline('c1', { from: 0, to: T0 + 86_400_000 }).events.filter((e) => e.kind === 'check')
  expect(checks).toHaveLength(16)
  await store.close()
})

test('a crash after the import but before the rename: the next start only renames', async () => {
  const dir = tempDir()
  const { keys, expected } = await writeOldFile(dir)
  const path = join(dir, HISTORY_FILE)
  const original = readFileSync(path, 'utf8')
  const store = await openHistoryStore(dir, { log: memoryLog().log })
  await store.close()
  // Put the file back, as if the rename had not happened.
  writeFileSync(path, original)
  const { log, lines } = memoryLog()
  const again = await openHistoryStore(dir, { log })
  expect(existsSync(path)).toBe(false)
  expect(lines.some((line) => line.startsWith('check history: 0 results imported'))).toBe(true)
  expect(again.recentChecks(keys, 100)).toEqual(expected)
  await again.close()
})

test('a file that is not JSON stays where it is, unimported, and the app starts', async () => {
  const dir = tempDir()
  const path = join(dir, HISTORY_FILE)
  writeFileSync(path, '{"proxy-a": [{"status": "ok", "checkedAt": "2026-')
  const { log, lines } = memoryLog()
  const store = await openHistoryStore(dir, { log })
  expect(readFileSync(path, 'utf8')).toBe('{"proxy-a": [{"status": "ok", "checkedAt": "2026-')
  expect(existsSync(path + IMPORTED_SUFFIX)).toBe(false)
  expect(lines.some((line) => line.startsWith('could not import the old check history'))).toBe(true)
  expect(store.recentChecks(['proxy-a'], 20)).toEqual({})
  await store.close()
})
