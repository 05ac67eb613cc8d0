/**
 * me, connections, proxies, rotate and the exit codes, run as a child process with the key in IPROXY_API_KEY
 * (how a server or CI uses it) against a simulator on loopback.
 */
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/main/demo'
import { ANSI_RE, runCli, startSimulatedAccount, STACK_RE, type SimulatedAccount } from './support'

let account: SimulatedAccount
let sim: Simulator
let data: SimulatedAccount['data']
let env: Record<string, string>

beforeAll(async () => {
  account = await startSimulatedAccount('cli-test-key-0123456789abcdef', { rebootOfflineMs: 300 })
  ;({ sim, data, env } = account)
})
afterAll(async () => {
  await account?.stop()
})

const connectionIds = () => [...sim.state.connections.values()].map((c) => c.id)

describe('me, connections, proxies', () => {
  it('me --json: the account, its balance and plan summary', async () => {
    const run = await runCli(['me', '--json'], { env })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout)
    expect(doc).toMatchObject({ username: 'demo', email: 'demo@iproxy-desktop.example', balance: '248.50', errors: [] })
    expect(doc.plans).toMatchObject({ connections: 12, active: 9, expired: 2, none: 1 })
  })

  it('me as a table, plain (no colour) when stdout is not a terminal', async () => {
    const run = await runCli(['me'], { env })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Balance:     248.50')
    expect(run.stdout).toContain('Plans:       9 active')
    expect(run.stdout).not.toMatch(ANSI_RE)
  })

  it('connections --json: every connection with status and plan expiry', async () => {
    const run = await runCli(['connections', '--json'], { env })
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { connections: Array<Record<string, unknown>>; errors: unknown[] }
    expect(doc.connections).toHaveLength(12)
    expect(doc.errors).toEqual([])
    const kazan = doc.connections.find((c) => c.name === 'Kazan MTS (old)')
    expect(kazan).toMatchObject({ status: 'offline', planExpired: true, country: 'ru' })
    expect(Object.keys(kazan!).sort()).toEqual(['city', 'country', 'id', 'name', 'planExpired', 'planExpiresAt', 'status', 'statusUpdatedAt'])
  })

  it('connections: statuses down -> the list is still printed, the typed error named, exit 1, no stack', async () => {
    sim.faults.set([{ path: '/connections-status', fault: { kind: 'status', status: 503 } }])
    try {
      const run = await runCli(['connections'], { env })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('Moscow MTS 01')
      expect(run.stdout).toContain('unknown')
      expect(run.stderr).toMatch(/server_error: the statuses could not be read/)
      expect(run.stderr).not.toMatch(STACK_RE)
    } finally {
      sim.faults.clear()
    }
  })

  it('proxies --connection: only that connection, no passwords', async () => {
    const conn = [...sim.state.connections.values()].find((c) => c.name === 'Moscow MTS 01')!
    const run = await runCli(['proxies', '--connection', conn.id, '--json'], { env })
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { proxies: Array<Record<string, unknown>> }
    const expected = [...sim.state.proxies.values()].filter((p) => p.connectionId === conn.id)
    expect(doc.proxies.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort())
    expect(doc.proxies.every((p) => p.connectionName === 'Moscow MTS 01')).toBe(true)
    for (const p of expected) if (p.password) expect(run.stdout).not.toContain(p.password)
  })

  it('an unknown connection ID is named, exit 2, nothing done', async () => {
    const run = await runCli(['proxies', '--connection', 'NoSuchConn1'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"NoSuchConn1"')
    expect(run.stdout).toBe('')
  })
})

describe('rotate', () => {
  it('rotate --verify --json: old IP, new IP, seconds; the exit IP really changed', async () => {
    const conn = [...sim.state.connections.values()].find((c) => c.name === 'Moscow Tele2 02')!
    const before = conn.ip?.ipv4
    const run = await runCli(['rotate', conn.id, '--verify', '--json'], { env })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const [result] = (JSON.parse(run.stdout) as { results: Array<Record<string, unknown>> }).results
    expect(result).toMatchObject({ connectionId: conn.id, connectionName: 'Moscow Tele2 02', ok: true, status: 'changed', oldIp: before })
    expect(result!.newIp).not.toBe(before)
    expect(result!.newIp).toBe(sim.state.connections.get(conn.id)!.ip?.ipv4)
    expect(result!.seconds).toBeGreaterThan(0)
  })

  it('rotate without --verify sends the change-IP command', async () => {
    const online = [...sim.state.connections.values()].find((c) => c.name === 'Berlin Telekom')!
    const run = await runCli(['rotate', online.id, '--json'], { env })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).results[0]).toMatchObject({ connectionId: online.id, ok: true, status: 'sent' })
  })

  it('rotate with an unknown ID names it and rotates nothing (exit 2)', async () => {
    const ips = connectionIds().map((id) => sim.state.connections.get(id)!.ip?.ipv4)
    const run = await runCli(['rotate', connectionIds()[0]!, 'Bogus123'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"Bogus123"')
    expect(connectionIds().map((id) => sim.state.connections.get(id)!.ip?.ipv4)).toEqual(ips)
  })
})

describe('exit codes for usage and authentication', () => {
  it('an unknown flag: exit 2, the flag named', async () => {
    const run = await runCli(['connections', '--colour'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("'--colour'")
  })

  it('a bad value: exit 2, the flag and the rule named', async () => {
    const run = await runCli(['check', '--all', '--concurrency', 'many'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--concurrency.*many.*whole number from 1 to 500/)
  })

  it('a wrong format name lists the formats (exit 2)', async () => {
    const run = await runCli(['export', '--format', 'xml'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('host:port:login:password')
  })

  it('a rejected key: exit 3 with what to do, and the key is never printed', async () => {
    const run = await runCli(['me'], { env: { ...env, IPROXY_API_KEY: 'wrong-key-abcdef123456' } })
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('iProxy rejected the API key (the key from IPROXY_API_KEY)')
    expect(`${run.stdout}${run.stderr}`).not.toContain('wrong-key-abcdef123456')
    expect(run.stderr).not.toMatch(STACK_RE)
  })

  it('no key at all: exit 3 naming the three ways to give one', async () => {
    const run = await runCli(['connections'], { env: { IPROXY_DATA_DIR: data.dir } })
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/--profile NAME.*IPROXY_API_KEY.*--demo/)
  })

  it('the API down: a typed error (connection_failed), exit 1, no stack', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()))
    const port = (closed.address() as { port: number }).port
    await new Promise<void>((r) => closed.close(() => r()))
    const run = await runCli(['me'], { env: { ...env, IPROXY_API_URL: `http://127.0.0.1:${port}/api/console/v1` } })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^iproxy: connection_failed: /)
    expect(run.stderr).not.toMatch(STACK_RE)
  })

  it('--help of every command shows an example; no arguments shows the help (exit 2)', async () => {
    const commands = ['me', 'connections', 'proxies', 'export', 'check', 'rotate', 'ovpn', 'profiles']
    const runs = await Promise.all(commands.map((command) => runCli([command, '--help'])))
    runs.forEach((run, i) => {
      expect(run.code, commands[i]).toBe(0)
      expect(run.stdout, commands[i]).toMatch(/Examples?:\n {2}iproxy /)
    })
    const bare = await runCli([])
    expect(bare.code).toBe(2)
    expect(bare.stdout).toContain('JSON output (--json), stable field names')
  })
})
