/**
 * `iproxy history` and `iproxy ips` as a child process over a real history.sqlite in a scratch data folder:
 * what the app recorded (written here through the app's own HistoryStore), read read-only, also while another
 * process keeps writing to the same file.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHistoryStore } from '../../src/main/history'
import type { IpReuse, Timeline } from '../../src/shared/history'
import { requireBuiltCli, runCli, scratchDataDir, STACK_RE } from './support'

const MIN = 60_000
let data: { dir: string; remove(): Promise<void> }

beforeAll(async () => {
  requireBuiltCli()
  data = await scratchDataDir()
  const now = Date.now()
  const store = createHistoryStore(data.dir, { log: () => {} })
  store.recordConnectionNames([
    { connectionId: 'phone-a', name: 'Phone A' },
    { connectionId: 'phone-b', name: 'Phone B' },
  ])
  store.recordStatuses([{ connection_id: 'phone-a', online_status: 'online' }], now - 60 * MIN)
  store.recordStatuses([{ connection_id: 'phone-a', online_status: 'offline' }], now - 30 * MIN)
  const check = (key: string, connectionId: string, at: number, exitIp: string) => ({
    key,
    connectionId,
    result: { status: 'ok', exitIp, timings: { totalMs: 120 }, checkedAt: new Date(at).toISOString() },
  })
  // Both phones behind 198.51.100.9 at once: a shared exit IP.
  store.recordChecks([check('proxy-a', 'phone-a', now - 20 * MIN, '198.51.100.9'), check('proxy-b', 'phone-b', now - 19 * MIN, '198.51.100.9')])
  store.recordAction({ connectionId: 'phone-a', kind: 'reboot', outcome: 'ok', by: 'user', at: now - 10 * MIN })
  store.recordChecks([check('proxy-old', 'phone-b', now - 3 * 86_400_000, '203.0.113.50')])
  await store.close()
})
afterAll(() => data?.remove())

const json = <T>(text: string): T => JSON.parse(text) as T

describe('iproxy history', () => {
  it('lists the last 24 h newest first, of every kind, with --data-dir', async () => {
    const r = await runCli(['history', '--data-dir', data.dir, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const { events } = json<Timeline>(r.stdout)
    // The check three days ago is outside the default 24 h.
    expect(events.map((e) => e.kind).sort()).toEqual(['action', 'check', 'check', 'ip', 'ip', 'status', 'status'])
    expect(events.map((e) => e.at)).toEqual(events.map((e) => e.at).sort((a, b) => b - a))
    expect(events[0]).toEqual(expect.objectContaining({ kind: 'action', action: 'reboot', outcome: 'ok', connectionId: 'phone-a' }))
    // Every field `iproxy --help` documents for the kind is there, an absent one as null.
    const documented: Record<string, string[]> = {
      status: ['status'],
      check: ['proxyKey', 'status', 'ok', 'totalMs', 'exitIp', 'error'],
      ip: ['ip', 'lastSeen', 'sources'],
      action: ['action', 'detail', 'outcome', 'error', 'by', 'runId'],
    }
    for (const event of events) expect(Object.keys(event).sort()).toEqual(['kind', 'at', 'connectionId', ...documented[event.kind]!].sort())
    expect(events[0]).toMatchObject({ error: null, runId: null })
  })

  it('--connection, --kind and --since narrow it; IPROXY_DATA_DIR finds the folder too', async () => {
    const statuses = await runCli(['history', '--connection', 'phone-a', '--kind', 'status', '--json'], { env: { IPROXY_DATA_DIR: data.dir } })
    expect(statuses.code, statuses.stderr).toBe(0)
    expect(json<Timeline>(statuses.stdout).events.map((e) => (e.kind === 'status' ? e.status : e.kind))).toEqual(['offline', 'online'])
    const week = await runCli(['history', '--data-dir', data.dir, '--since', '7d', '--kind', 'check', '--connection', 'phone-b', '--json'])
    expect(json<Timeline>(week.stdout).events.map((e) => (e.kind === 'check' ? e.proxyKey : e.kind))).toEqual(['proxy-b', 'proxy-old'])
    const table = await runCli(['history', '--data-dir', data.dir, '--kind', 'action'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/phone-a\s+action\s+reboot ok by user/)
  })

  it('a bad --since or --kind is a usage error naming it; no history file says how one appears', async () => {
    const since = await runCli(['history', '--data-dir', data.dir, '--since', 'a week'])
    expect(since.code).toBe(2)
    expect(since.stderr).toMatch(/--since "a week" is not a duration: use a number and a unit/)
    const kind = await runCli(['history', '--data-dir', data.dir, '--kind', 'reboots'])
    expect(kind.code).toBe(2)
    expect(kind.stderr).toMatch(/--kind "reboots" is not one of check, status, ip, action/)
    const empty = await scratchDataDir()
    try {
      const none = await runCli(['history', '--data-dir', empty.dir])
      expect(none.code).toBe(1)
      expect(none.stderr).toMatch(/There is no history yet .*history\.sqlite does not exist/)
      expect(none.stderr).not.toMatch(STACK_RE)
    } finally {
      await empty.remove()
    }
  })
})

describe('iproxy ips', () => {
  it('--repeats lists the exit IP two phones share, with their names', async () => {
    const r = await runCli(['ips', '--repeats', '--data-dir', data.dir, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<{ reuse: IpReuse[] }>(r.stdout).reuse).toEqual([
      expect.objectContaining({
        ip: '198.51.100.9',
        kind: 'shared',
        connections: [expect.objectContaining({ connectionId: 'phone-a', name: 'Phone A' }), expect.objectContaining({ connectionId: 'phone-b', name: 'Phone B' })],
      }),
    ])
    const table = await runCli(['ips', '--repeats', '--data-dir', data.dir])
    expect(table.stdout).toMatch(/198\.51\.100\.9\s+shared\s+phone-a \(Phone A\), phone-b \(Phone B\)/)
  })

  it('--connection lists one phone\'s exit IPs with first and last seen', async () => {
    const r = await runCli(['ips', '--connection', 'phone-b', '--data-dir', data.dir, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<{ ips: Array<{ ip: string }> }>(r.stdout).ips.map((i) => i.ip)).toEqual(['198.51.100.9', '203.0.113.50'])
    for (const ip of json<{ ips: object[] }>(r.stdout).ips) expect(Object.keys(ip).sort()).toEqual(['firstSeen', 'ip', 'lastSeen', 'periods', 'sightings', 'sources'])
  })
})

describe('reading while the app writes', () => {
  it('every read succeeds while another process commits batches to the same file', async () => {
    const live = await scratchDataDir()
    const writer = spawn(process.execPath, [join(__dirname, '../../node_modules/jiti/lib/jiti-cli.mjs'), join(__dirname, '../unit/history/child/write-loop.ts'), live.dir, '200'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      let committed = 0
      writer.stdout.setEncoding('utf8').on('data', (d: string) => {
        for (const m of d.matchAll(/committed (\d+)/g)) committed = Number(m[1])
      })
      const until = Date.now() + 20_000
      while (committed < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
      expect(committed).toBeGreaterThanOrEqual(3)
      const counts: number[] = []
      for (let i = 0; i < 3; i++) {
        // The writer's checks are dated from 2026-03-01: far enough back to cover them all.
        const r = await runCli(['ips', '--connection', 'c1', '--data-dir', live.dir, '--json'])
        expect(r.code, r.stderr).toBe(0)
        counts.push(json<{ ips: unknown[] }>(r.stdout).ips.length)
      }
      expect(counts[0]).toBeGreaterThan(0)
      // The writer kept committing: later reads see at least as much as earlier ones.
      expect([...counts].sort((a, b) => a - b)).toEqual(counts)
      expect(writer.exitCode).toBeNull()
    } finally {
      writer.kill('SIGKILL')
      await new Promise((r) => writer.once('close', r))
      await live.remove()
    }
  })
})
