/**
 * Run by crash.test.ts in a child process (through jiti): writes batches of checks into the history in the
 * folder given, forever, printing `committed <batches>` after each commit, until it is killed.
 */
import { openHistoryStore } from '../../../../src/main/history'
import type { CheckRecord } from '../../../../src/shared/history'

const [dir, size] = process.argv.slice(2)
const BATCH = Number(size)
const T0 = Date.parse('2026-03-01T00:00:00Z')

const store = await openHistoryStore(dir!, { log: (message) => process.stderr.write(`${message}\n`) })
for (let n = 0; ; n++) {
  const batch: CheckRecord[] = Array.from({ length: BATCH }, (_, i) => ({
    key: `p${i % 50}`,
    connectionId: `c${i % 50}`,
    result: { status: 'ok', exitIp: `192.0.2.${1 + (n % 250)}`, timings: { totalMs: 100 + i }, checkedAt: new Date(T0 + n * 60_000 + i).toISOString() },
  }))
  store.recordChecks(batch)
  process.stdout.write(`committed ${n + 1}\n`)
}
