/** Helpers for the history tests: a temp folder per test (removed after), a log that keeps its lines, records. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { CheckRecord } from '../../../src/shared/history'

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
