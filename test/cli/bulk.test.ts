/**
 * `iproxy bulk` as a child process: against --demo (the embedded simulator) and against a simulator in this
 * process (IPROXY_API_KEY / IPROXY_API_URL), whose fault rules make a command fail or take its time for real.
 * Every run's audit trail is read back from the data folder's history database.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { HISTORY_DB_FILE, openHistoryReader } from '../../src/main/history'
import type { AuditEntry } from '../../src/shared/audit'
import { requireSystem } from '../support/system'
import { CLI, jsonLines, ROOT, runCli, scratchDataDir, STACK_RE, startSimulatedAccount, type SimulatedAccount } from './support'

const KEY = 'cli-bulk-key-0123456789abcdef'
let account: SimulatedAccount
let env: Record<string, string>

beforeAll(async () => {
  account = await startSimulatedAccount(KEY)
  env = account.env
})
afterAll(async () => {
  await account?.stop()
})
afterEach(() => {
  account.sim.faults.clear()
})

const idOf = (name: string): string => [...account.sim.state.connections.values()].find((c) => c.name === name)!.id
/** command-push requests the simulator has received so far. */
const pushes = (): number =>
  Object.entries(account.sim.control.apiRequests().byPath)
    .filter(([path]) => path.endsWith('/command-push'))
    .reduce((sum, [, n]) => sum + n, 0)

function auditRuns(dataDir: string): AuditEntry[] {
  const reader = openHistoryReader(join(dataDir, HISTORY_DB_FILE))
  try {
    return reader.audit({}).entries
  } finally {
    reader.close()
  }
}

describe('help', () => {
  it('bulk --help names the actions, the filter keys, the JSON fields and the exit codes, with examples; iproxy --help lists the fields', async () => {
    const help = await runCli(['bulk', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Examples:\n {2}iproxy bulk reboot --filter name~moscow --yes --demo\n/)
    for (const text of ['change-ip-verify', 'settings --set key=value', 'prolong --days N', 'ovpn --out DIR', 'check=failed', '{ type: "item", runId, action, connectionId', '130 Ctrl-C']) {
      expect(help.stdout).toContain(text)
    }
    const top = await runCli(['--help'])
    expect(top.stdout).toMatch(/ {2}bulk {9}JSON lines: \{ type: "item", runId, action, connectionId, connectionName, state/)
  })
})

describe('with --demo', () => {
  let data: { dir: string; remove(): Promise<void> }
  beforeAll(async () => {
    data = await scratchDataDir()
  })
  afterAll(async () => {
    await data?.remove()
  })

  it('reboot on 3 connections with --yes --json: a JSON line per connection, a summary, exit 0, the run in the history', async () => {
    const listed = await runCli(['connections', '--demo', '--json'], { env: { IPROXY_DATA_DIR: data.dir } })
    const ids = (JSON.parse(listed.stdout) as { connections: Array<{ id: string; name: string }> }).connections.slice(0, 3)
    const run = await runCli(['bulk', 'reboot', '--connection', ...ids.map((c) => c.id), '--yes', '--json', '--demo'], { env: { IPROXY_DATA_DIR: data.dir } })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = jsonLines(run.stdout)
    const items = lines.filter((l) => l.type === 'item')
    expect(items.map((i) => i.connectionId).sort()).toEqual(ids.map((c) => c.id).sort())
    for (const item of items) {
      expect(item).toMatchObject({ action: 'reboot', state: 'done', ok: true, reason: null, detail: { command: 'reboot' } })
      expect(item.connectionName).toBe(ids.find((c) => c.id === item.connectionId)!.name)
      expect(typeof item.seconds).toBe('number')
    }
    const summary = lines.at(-1)!
    expect(summary).toMatchObject({ type: 'summary', action: 'reboot', total: 3, done: 3, failed: 0, skipped: 0, cancelled: 0, interrupted: false, concurrency: 5 })
    expect(items.every((i) => i.runId === summary.runId)).toBe(true)

    const [entry] = auditRuns(data.dir)
    expect(entry).toMatchObject({ id: summary.runId, kind: 'bulk', by: 'user', title: 'reboot', outcome: 'done' })
    expect(entry!.steps.map((s) => [s.connectionId, s.step, s.outcome]).sort()).toEqual(ids.map((c) => [c.id, 'reboot', 'ok']).sort())
  })

  it("the README's example runs as written: the filter picks the two Moscow phones", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n## Command line')[1]!.split('\n## ')[0]!
    const example = readme.split('\n').map((l) => l.trim()).find((l) => l.startsWith('iproxy bulk '))
    expect(example).toBeDefined()
    expect(example).toContain('--demo')
    const run = await runCli(example!.split(/\s+/).slice(1), { env: { IPROXY_DATA_DIR: data.dir } })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^done\s+Moscow MTS 01 \(/m)
    expect(run.stdout).toMatch(/^done\s+Moscow Tele2 02 \(/m)
    expect(run.stdout).toMatch(/\nreboot on 2 connections in [\d.]+ s: 2 done, 0 failed, 0 skipped\.\n$/)
  })

  it('--filter with a bad key: exit 2 with the filter’s error, nothing run', async () => {
    const run = await runCli(['bulk', 'reboot', '--filter', 'colour=red', '--yes', '--demo'], { env: { IPROXY_DATA_DIR: data.dir } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--filter: "colour" is not a filter key (keys: status, country, city, name, id, check)')
    expect(run.stderr).not.toMatch(STACK_RE)
    expect(run.stdout).toBe('')
  })
})

describe('against a simulator with faults', () => {
  it('settings with a bad value: exit 2 naming the field, and not one request sent', async () => {
    const id = idOf('Moscow MTS 01')
    const before = account.sim.control.apiRequestCount()
    const cases: Array<[string, RegExp]> = [
      ['low_battery_reboot_threshold=200', /--set low_battery_reboot_threshold: must be a number from 0 to 95/],
      ['low_battery_reboot_threshold=high', /--set low_battery_reboot_threshold: must be a number, not "high"/],
      ['dns=1.1.1.1,not-an-ip', /--set dns: must be an IP address/],
      ['ip_change_enabled=maybe', /--set ip_change_enabled: must be true or false/],
      ['rotation=5', /--set rotation: not a connection setting\. Settings: prolongation_enabled, dns,/],
    ]
    for (const [pair, message] of cases) {
      const run = await runCli(['bulk', 'settings', '--set', 'ip_change_interval_minutes=30', '--set', pair, '--connection', id, '--yes', '--json'], { env })
      expect(run.code, pair).toBe(2)
      expect(run.stderr).toMatch(message)
      expect(run.stdout).toBe('')
    }
    expect(account.sim.control.apiRequestCount()).toBe(before)
  })

  it('settings with good values: typed from the text (numbers, booleans, lists) and applied', async () => {
    const id = idOf('Berlin Telekom')
    const run = await runCli(
      ['bulk', 'settings', '--set', 'ip_change_interval_minutes=45', '--set', 'ip_change_enabled=true', '--set', 'dns=1.1.1.1,8.8.8.8', '--connection', id, '--yes', '--json'],
      { env },
    )
    expect(run.code, run.stderr).toBe(0)
    const settings = account.sim.state.connections.get(id)!.settings
    expect(settings).toMatchObject({ ip_change_interval_minutes: 45, ip_change_enabled: true, dns: ['1.1.1.1', '8.8.8.8'] })
  })

  it('without --yes and no terminal: the plan on stderr, then exit 2 asking for --yes; nothing pushed', async () => {
    const before = pushes()
    const run = await runCli(['bulk', 'reboot', '--filter', 'country=us'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('iproxy bulk: reboot on 2 connections, 5 at a time.')
    expect(run.stderr).toContain('New York T-Mobile, Miami Verizon')
    expect(run.stderr).toContain('Pass --yes to run without asking.')
    expect(run.stdout).toBe('')
    expect(pushes()).toBe(before)
  })

  it('a command that fails and an ID the account does not have: failed and skipped lines with reasons, exit 1', async () => {
    const bad = idOf('London EE')
    const good = idOf('Warsaw Play')
    account.sim.faults.add({ path: `/connection/${bad}/command-push`, method: 'POST', fault: { kind: 'status', status: 503, message: 'the phone farm is busy' } })
    const run = await runCli(['bulk', 'fix_lte', '--connection', bad, good, 'no-such-phone', '--yes', '--json'], { env })
    expect(run.code).toBe(1)
    const lines = jsonLines(run.stdout)
    const byId = new Map(lines.filter((l) => l.type === 'item').map((l) => [l.connectionId, l]))
    expect(byId.get(good)).toMatchObject({ state: 'done', ok: true })
    expect(byId.get(bad)).toMatchObject({ state: 'failed', ok: false, connectionName: 'London EE' })
    expect(byId.get(bad)!.reason).toContain('The server said: "the phone farm is busy"')
    expect(byId.get('no-such-phone')).toMatchObject({ state: 'skipped', ok: false, connectionName: null, reason: 'No such connection in this account.' })
    expect(lines.at(-1)).toMatchObject({ type: 'summary', total: 3, done: 1, failed: 1, skipped: 1 })
    const entry = auditRuns(account.data.dir).find((e) => e.id === lines.at(-1)!.runId)!
    expect(entry.outcome).toBe('partial')
    expect(entry.steps.find((s) => s.connectionId === bad)).toMatchObject({ step: 'fix_lte', outcome: 'failed' })

    // As a table: one line per connection with its reason, and the summary.
    account.sim.faults.add({ path: `/connection/${bad}/command-push`, method: 'POST', fault: { kind: 'status', status: 503 } })
    const table = await runCli(['bulk', 'fix_lte', '--connection', bad, good, '--yes'], { env })
    expect(table.code).toBe(1)
    expect(table.stdout).toMatch(/^failed\s+London EE \(\w+\)/m)
    expect(table.stdout).toMatch(/^done\s+Warsaw Play \(\w+\)/m)
    expect(table.stdout).toMatch(/fix_lte on 2 connections in [\d.]+ s: 1 done, 1 failed, 0 skipped\./)
  })

  it('Ctrl-C during a slow run: no new work, the running ones finish, partial results, exit 130', async () => {
    account.sim.faults.add({ path: '/connection/*/command-push', method: 'POST', fault: { kind: 'latency', ms: 1_500 } })
    const ids = [...account.sim.state.connections.values()].slice(0, 6).map((c) => c.id)
    const before = pushes()
    let sent = false
    const run = await runCli(['bulk', 'refresh', '--connection', ...ids, '--concurrency', '2', '--yes', '--json'], {
      env,
      started: (child) => {
        const timer = setInterval(() => {
          // Both workers' calls are at the simulator (held by the latency): interrupt now.
          if (pushes() - before >= 2 && !sent) {
            sent = true
            clearInterval(timer)
            child.kill('SIGINT')
          }
        }, 20)
        child.once('close', () => clearInterval(timer))
      },
    })
    expect(sent).toBe(true)
    expect(run.code).toBe(130)
    const lines = jsonLines(run.stdout)
    const items = lines.filter((l) => l.type === 'item')
    expect(items.filter((i) => i.state === 'done')).toHaveLength(2)
    expect(items.filter((i) => i.state === 'cancelled')).toHaveLength(4)
    expect(lines.at(-1)).toMatchObject({ type: 'summary', total: 6, done: 2, cancelled: 4, failed: 0, interrupted: true })
    // Nothing was sent after the interrupt.
    expect(pushes() - before).toBe(2)
    const entry = auditRuns(account.data.dir).find((e) => e.id === lines.at(-1)!.runId)!
    expect(entry.outcome).toBe('cancelled')
    expect(entry.steps.filter((s) => s.outcome === 'ok')).toHaveLength(2)
  })

  it('--filter check=failed: the connections whose last check in the history failed', async () => {
    const check = await runCli(['check', '--all', '--concurrency', '20', '--json'], { env })
    const results = jsonLines(check.stdout).filter((l) => l.type === 'result')
    const lastByConnection = new Map<string, { at: string; ok: boolean }>()
    for (const r of results) {
      const seen = lastByConnection.get(r.connectionId as string)
      if (!seen || (r.checkedAt as string) > seen.at) lastByConnection.set(r.connectionId as string, { at: r.checkedAt as string, ok: r.ok as boolean })
    }
    const failing = [...lastByConnection].filter(([, v]) => !v.ok).map(([id]) => id)
    expect(failing.length).toBeGreaterThan(0)
    const run = await runCli(['bulk', 'speed_test', '--filter', 'check=failed', '--yes', '--json'], { env })
    expect(run.code, run.stderr).toBe(0)
    expect(jsonLines(run.stdout).filter((l) => l.type === 'item').map((l) => l.connectionId).sort()).toEqual(failing.sort())
  })
})

describe('on a terminal', () => {
  const script = '/usr/bin/script'

  /** Runs the command on a pseudo-terminal (util-linux `script`), answering the prompt with `answer`. */
  function onTerminal(args: string[], answer: string, dataDir: string): Promise<{ code: number | null; output: string }> {
    const cli = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ')
    return new Promise((resolve, reject) => {
      const child = spawn(script, ['-qec', cli, '/dev/null'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: dataDir, IPROXY_DATA_DIR: dataDir, NO_COLOR: '1', TERM: 'dumb' } })
      let output = ''
      let answered = false
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        output += d
        if (!answered && output.includes('Go ahead? [y/N]')) {
          answered = true
          child.stdin.write(answer)
        }
      })
      child.once('error', reject)
      child.once('close', (code) => resolve({ code, output }))
    })
  }

  it('asks y/N: y runs it, n leaves everything as it was (exit 1)', async (t) => {
    if (!requireSystem('util-linux script (a pseudo-terminal)', { available: existsSync(script), reason: 'apt-get install util-linux' }, (note) => t.skip(note))) return
    const folder = await scratchDataDir()
    try {
      const no = await onTerminal(['bulk', 'reboot', '--filter', 'name~moscow', '--demo'], 'n\r', folder.dir)
      expect(no.output).toContain('reboot on 2 connections, 5 at a time.')
      expect(no.output).toContain('Nothing was done.')
      expect(no.code).toBe(1)
      expect(existsSync(join(folder.dir, HISTORY_DB_FILE)) ? auditRuns(folder.dir) : []).toEqual([])
      const yes = await onTerminal(['bulk', 'reboot', '--filter', 'name~moscow', '--demo'], 'y\r', folder.dir)
      expect(yes.output).toMatch(/reboot on 2 connections in [\d.]+ s: 2 done, 0 failed, 0 skipped\./)
      expect(yes.code).toBe(0)
      expect(auditRuns(folder.dir)).toHaveLength(1)
    } finally {
      await folder.remove()
    }
  })
})
