/**
 * Helpers for the history tests: a temp folder per test (removed after), a log that keeps its lines, records, and
 * the services of a simulator's account with a history database (servicesOnSimulator).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Simulator } from '../../../src/main/demo'
import { createHealthService } from '../../../src/main/health/service'
import { openHistoryStore } from '../../../src/main/history'
import { checkHistoryInStore } from '../../../src/main/history/check-history'
import { createIproxyClient } from '../../../src/main/iproxy'
import type { CheckRecord } from '../../../src/shared/history'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iproxy-history-test-'))
  made.push(dir)
  return dir
}

export function memoryLog(): { log: (message: string, err?: unknown) => void; lines: string[] } {
  const lines: string[] = []
  return { log: (message, err) => lines.push(err === undefined ? message : `${message}: ${String(err)}`), lines }
}

export const T0 = Date.parse('2026-03-01T00:00:00Z')
export const MIN = 60_000
export const HOUR = 3_600_000

export function check(key: string, connectionId: string | undefined, at: number, options: { ip?: string; status?: string; totalMs?: number; error?: string } = {}): CheckRecord {
  const status = options.status ?? 'ok'
  return {
    key,
    ...(connectionId ? { connectionId } : {}),
    result: {
      status,
      ...(options.error ? { error: options.error } : {}),
      ...(options.ip ? { exitIp: options.ip } : {}),
      geo: { country: 'DE', asn: 'AS3320' },
      timings: { connectMs: 11.4, handshakeMs: 30.2, firstByteMs: 80.9, totalMs: options.totalMs ?? 150.4 },
      checkedAt: new Date(at).toISOString(),
    },
  }
}

/**
 * A simulator's account as the app's services see it, for the bulk, rules and watch tests: the API client, a
 * history database in a temp folder, and the health service writing its checks there (short rotate polls).
 * `close` ends the three; the simulator is the caller's.
 */
export async function servicesOnSimulator(sim: Simulator, options: { timeoutMs?: number; rotatePollMs?: number } = {}) {
  const dir = tempDir()
  const { log, lines } = memoryLog()
  const client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, timeoutMs: options.timeoutMs ?? 10_000, retryBaseDelayMs: 10, retryMaxDelayMs: 20 })
  const store = await openHistoryStore(dir, { log })
  const checks = checkHistoryInStore(store, log)
  const health = createHealthService({
    dataDir: dir,
    log,
    emitProgress: () => undefined,
    client: () => client,
    demoEchoUrl: async () => sim.echoUrl,
    parse: parseProxyLines,
    history: checks,
    rotatePollMs: options.rotatePollMs ?? 100,
  })
  return {
    dir,
    log,
    lines,
    client,
    store,
    checks,
    health,
    async close() {
      await health.dispose()
      await client.close()
      await store.close()
    },
  }
}
