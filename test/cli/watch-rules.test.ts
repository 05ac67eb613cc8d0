/**
 * `iproxy watch` with self-healing rules, as a child process: a bad `--rules FILE` (or a bad rules.json in the data
 * folder) is refused before anything starts, naming the file and the bad field, exit 2; with a good one, a phone
 * held offline through the demo simulator's control surface sets off the rule, whose run is one JSON line, whose
 * alert is a `rule_alert` line, and whose steps are in the history's audit trail when the watch has stopped.
 */
import type { ChildProcess } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { openHistoryStore } from '../../src/main/history'
import type { Rule } from '../../src/shared/rules'
import { waitFor } from '../unit/watch/alerts-servers'
import { jsonLines, requireBuiltCli, runCli, scratchDataDir, STACK_RE } from './support'

beforeAll(() => requireBuiltCli())

const rule: Rule = {
  id: 'offline-check',
  name: 'Check a phone offline for a minute',
  enabled: true,
  when: { event: 'offline', minutes: 1 },
  do: [{ kind: 'check' }, { kind: 'alert' }],
  limits: { maxRunsPerHour: 1, stopOnSuccess: true },
}

test('watch --demo --rules bad.json: exit 2 naming the file and the bad field, before anything starts', async () => {
  const data = await scratchDataDir()
  try {
    const bad = join(data.dir, 'bad.json')
    await writeFile(bad, JSON.stringify({ rules: [{ ...rule, when: { event: 'offline', minutes: 0 } }] }))
    const result = await runCli(['watch', '--demo', '--rules', bad, '--data-dir', data.dir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${bad}: rules[0].when.minutes: must be at least 1`)
    expect(result.stderr).not.toContain('Watching')
    expect(result.stderr).not.toMatch(STACK_RE)
    expect(result.stdout).toBe('')

    const missing = await runCli(['watch', '--demo', '--rules', join(data.dir, 'none.json'), '--data-dir', data.dir])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('none.json: no such file')

    // The app's own rules.json, hand-edited wrong: the same, naming it.
    await writeFile(join(data.dir, 'rules.json'), JSON.stringify({ rules: [{ ...rule, do: [{ kind: 'reboot' }] }] }))
    const stored = await runCli(['watch', '--demo', '--data-dir', data.dir])
    expect(stored.code).toBe(2)
    expect(stored.stderr).toMatch(/rules\.json: rules\[0\]\.do\[0\]\.kind: must be one of change_ip_verify, command, wait, check, alert/)
    expect(stored.stderr).not.toMatch(STACK_RE)
  } finally {
    await data.remove()
  }
})

test('watch --demo --json --rules FILE: a phone held offline runs the rule once; its run and alert are lines, its steps in the history', async () => {
  const data = await scratchDataDir()
  const file = join(data.dir, 'my-rules.json')
  await writeFile(file, JSON.stringify({ rules: [rule] }))
  let child: ChildProcess | undefined
  let stdout = ''
  let stderr = ''
  const running = runCli(['watch', '--demo', '--json', '--interval', '10', '--offline-after', '0', '--rules', file, '--data-dir', data.dir], {
    started: (c) => {
      child = c
      c.stdout!.on('data', (d: string) => (stdout += d))
      c.stderr!.on('data', (d: string) => (stderr += d))
    },
  })
  try {
    await waitFor(() => /Watching \d+ connections every 10 s .*1 rule on \(/.test(stderr), 'the watch to start with its rule', 30_000)
    const origin = /Demo simulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!
    const state = (await (await fetch(`${origin}/_control`)).json()) as { connections: Array<{ id: string; name: string }> }
    const phone = state.connections.find((c) => c.name === 'Moscow MTS 01')!
    const held = await fetch(`${origin}/_control/connections/${phone.id}/status`, { method: 'POST', body: JSON.stringify({ status: 'offline' }) })
    expect(held.status).toBe(200)

    // Offline at once (--offline-after 0); the rule's minute after the watch first saw it down, at the next cycle.
    await waitFor(() => jsonLines(stdout).some((l) => l.event === 'rule_run'), 'the rule run line', 100_000)
    const run = jsonLines(stdout).find((l) => l.event === 'rule_run')!
    expect(run).toMatchObject({ connection_id: phone.id, connection_name: 'Moscow MTS 01', data: { rule_id: 'offline-check', rule: rule.name, trigger: 'offline', outcome: 'failed' } })
    expect((run.steps as Array<Record<string, unknown>>).map((s) => [s.step, s.outcome])).toEqual([
      ['check', 'failed'],
      ['alert', 'ok'],
    ])
    expect(String(run.message)).toContain('Rule "Check a phone offline for a minute" on connection Moscow MTS 01 failed: check (failed), alert (done).')
    await waitFor(() => jsonLines(stdout).some((l) => l.event === 'rule_alert'), 'the rule alert line', 30_000)
    expect(jsonLines(stdout).find((l) => l.event === 'rule_alert')).toMatchObject({ connection_id: phone.id, data: { rule: rule.name, tried: 'check:failed' } })

    child!.kill('SIGTERM')
    const result = await running
    expect(result.code).toBe(0)
    expect(result.stderr).not.toMatch(STACK_RE)
    // Once within its limit: one run.
    expect(jsonLines(result.stdout).filter((l) => l.event === 'rule_run')).toHaveLength(1)
    const store = await openHistoryStore(data.dir, { log: () => undefined })
    const audit = store.audit({ kinds: ['rule'] }).entries
    await store.close()
    expect(audit.map((e) => [e.id, e.title, e.by, e.outcome, e.steps.map((s) => `${s.step}:${s.outcome}`).join(', ')])).toEqual([
      [run.id, rule.name, 'rule', 'failed', 'check:failed, alert:ok'],
    ])
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL')
    await data.remove()
  }
}, 150_000)
