/**
 * `iproxy check` as a child process: account proxies through the simulator's real SOCKS5/HTTP listeners, pasted
 * lists (a file, or stdin) with the reason for each rejected line, real third-party proxies (Debian's Dante and
 * tinyproxy), and Ctrl-C in the middle of a batch.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/main/demo'
import { danteAvailability, startDante, type DanteServer } from '../support/dante'
import { requireSystem } from '../support/system'
import { startTinyproxy, tinyproxyAvailability, type TinyproxyServer } from '../support/tinyproxy'
import { jsonLines, runCli, startSimulatedAccount, type SimulatedAccount } from './support'

const KEY = 'cli-check-key-0123456789abcdef'
let account: SimulatedAccount
let sim: Simulator
let data: SimulatedAccount['data']
let env: Record<string, string>

beforeAll(async () => {
  account = await startSimulatedAccount(KEY)
  ;({ sim, data, env } = account)
})
afterAll(async () => {
  await account?.stop()
})

describe('account proxies', () => {
  it('--connection --json: one result line per proxy, then the summary; exit 0 when all work', async () => {
    const conn = [...sim.state.connections.values()].find((c) => c.name === 'Moscow MTS 01')!
    const proxies = (await (await fetch(`${sim.baseUrl}/connections/${conn.id}/proxy-access`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { proxy_accesses: Array<{ id: string }> }
    const run = await runCli(['check', '--connection', conn.id, '--json'], { env })
    const lines = jsonLines(run.stdout)
    const results = lines.filter((l) => l.type === 'result')
    expect(results.map((r) => r.proxyId).sort()).toEqual(proxies.proxy_accesses.map((p) => p.id).sort())
    const summary = lines.at(-1)!
    expect(summary).toMatchObject({ type: 'summary', total: results.length, interrupted: false, cancelled: 0 })
    const ok = results.filter((r) => r.status === 'ok')
    expect(ok.length).toBeGreaterThan(0)
    for (const r of ok) expect(r).toMatchObject({ ok: true, exitIp: conn.ip?.ipv4, country: 'RU', connectionName: 'Moscow MTS 01' })
    expect(typeof ok[0]!.totalMs).toBe('number')
    expect(run.code).toBe(results.every((r) => r.ok) ? 0 : 1)
    // Kept in the app's history database, where the app and `iproxy history` read them.
    const history = await runCli(['history', '--connection', conn.id, '--kind', 'check', '--json'], { env })
    expect(history.code, history.stderr).toBe(0)
    const events = (JSON.parse(history.stdout) as { events: Array<{ proxyKey: string; status: string }> }).events
    expect(events.map((e) => e.proxyKey).sort()).toEqual(results.map((r) => r.key).sort())
  })

  it('--all as a table: a line per proxy, failures with their reason, a summary; exit 1 (offline phones)', async () => {
    const run = await runCli(['check', '--all', '--concurrency', '20'], { env })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^STATUS\s+EXIT IP/)
    expect(run.stdout).toMatch(/\n\d+ of \d+ checked in [\d.]+ s: \d+ ok, \d+ failed/)
    expect(run.stdout).toContain('(Kazan MTS (old))')
    // No progress bar: stderr is not a terminal.
    expect(run.stderr).toBe('')
  })
})

describe('pasted lists', () => {
  const good = () => [...sim.state.proxies.values()].find((p) => p.authType === 'userpass' && sim.state.connections.get(p.connectionId)?.status === 'online' && !p.expiresAt)!

  it('--file -: lines from stdin in the app’s formats, each rejected line with its reason', async () => {
    const p = good()
    const text = [`socks5://${p.login}:${p.password}@127.0.0.1:${p.port}`, '', 'not a proxy at all', `127.0.0.1:${p.port}:${p.login}:wrong-password`, '10.0.0.1:99999'].join('\n')
    // The simulator binds listeners on first use; one API read makes sure this one is bound.
    await fetch(`${sim.baseUrl}/proxy-access`, { headers: { authorization: `Bearer ${KEY}` } })
    const run = await runCli(['check', '--file', '-', '--protocol', 'socks5', '--json'], { env: { IPROXY_DATA_DIR: data.dir }, input: text })
    const lines = jsonLines(run.stdout)
    const rejected = lines.filter((l) => l.type === 'rejected')
    expect(rejected.map((r) => r.lineNumber)).toEqual([3, 5])
    expect(rejected.every((r) => typeof r.reason === 'string' && (r.reason as string).length > 5)).toBe(true)
    const results = lines.filter((l) => l.type === 'result')
    expect(results.map((r) => r.status)).toEqual(expect.arrayContaining(['ok', 'auth_failed']))
    // The password of a pasted line is never printed back.
    expect(run.stdout).not.toContain(p.password!)
    expect(run.code).toBe(1)
  })

  it('an unreadable --file: a clear error naming it, exit 1', async () => {
    const run = await runCli(['check', '--file', join(data.dir, 'no-such-list.txt')], { env })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/read_failed: Could not open .*no-such-list\.txt: the file does not exist/)
  })

  it('no source, or two: a usage error (exit 2)', async () => {
    expect((await runCli(['check'], { env })).code).toBe(2)
    expect((await runCli(['check', '--all', '--file', 'x'], { env })).code).toBe(2)
  })
})

describe('real proxies: Dante and tinyproxy', () => {
  let dante: DanteServer | undefined
  let tiny: TinyproxyServer | undefined
  afterAll(async () => {
    await dante?.stop()
    await tiny?.stop()
  })

  it('a list file with Dante (SOCKS5) and tinyproxy (HTTP): ok with the right passwords, auth_failed without', async (ctx) => {
    if (!requireSystem('dante-server', danteAvailability(), (note) => ctx.skip(note))) return
    if (!requireSystem('tinyproxy', tinyproxyAvailability(), (note) => ctx.skip(note))) return
    dante = await startDante()
    tiny = await startTinyproxy()
    const list = join(data.dir, 'system-proxies.txt')
    await writeFile(
      list,
      [
        `socks5://${dante.username}:${dante.password}@${dante.host}:${dante.port}`,
        `http://${tiny.username}:${tiny.password}@${tiny.host}:${tiny.port}`,
        `http://${tiny.username}:not-it@${tiny.host}:${tiny.port}`,
        // iProxy's own line shape, with no scheme: the command finds out the proxy speaks SOCKS5.
        `${dante.host}:${dante.port}:${dante.username}:${dante.password}`,
      ].join('\n'),
    )
    const run = await runCli(['check', list, '--json', '--timeout', '5'], { env: { IPROXY_DATA_DIR: data.dir } })
    const results = jsonLines(run.stdout).filter((l) => l.type === 'result')
    const byLabel = (needle: string) => results.filter((r) => (r.label as string).includes(needle))
    const [given, found] = byLabel(`:${dante.port}`)
    expect(given).toMatchObject({ status: 'ok', exitIp: '127.0.0.1', detectedProtocol: null })
    expect(found).toMatchObject({ status: 'ok', exitIp: '127.0.0.1', detectedProtocol: 'socks5' })
    expect(byLabel(`:${tiny.port}`).map((r) => r.status).sort()).toEqual(['auth_failed', 'ok'])
    expect(run.code).toBe(1)
  })
})

describe('Ctrl-C', () => {
  it('SIGINT mid-batch: finished results and the summary are printed, sockets closed, exit 130', async () => {
    // Every echo answer takes 1.5 s; 2 at a time through ~36 proxies would take half a minute.
    sim.faults.set([{ path: '/echo', fault: { kind: 'latency', ms: 1_500 } }])
    try {
      let sent = false
      const run = await runCli(['check', '--all', '--json', '--concurrency', '2'], {
        env,
        started: (child) => {
          let seen = ''
          child.stdout!.on('data', (d: Buffer) => {
            seen += d.toString()
            if (!sent && seen.includes('"type":"result"')) {
              sent = true
              child.kill('SIGINT')
            }
          })
        },
      })
      expect(sent).toBe(true)
      expect(run.code).toBe(130)
      const lines = jsonLines(run.stdout)
      const summary = lines.at(-1)!
      expect(summary).toMatchObject({ type: 'summary', interrupted: true })
      expect(summary.checked as number).toBeGreaterThan(0)
      expect(summary.cancelled as number).toBeGreaterThan(10)
      expect(lines.filter((l) => l.type === 'result')).toHaveLength(summary.checked as number)
      // The simulator's proxies see no client connection left open.
      await new Promise((r) => setTimeout(r, 300))
      const open = [...sim.state.proxies.keys()].reduce((n, id) => n + (sim.listeners.get(id)?.openClientCount() ?? 0), 0)
      expect(open).toBe(0)
    } finally {
      sim.faults.clear()
    }
  })
})
