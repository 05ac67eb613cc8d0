/**
 * `iproxy watch` as a child process, as systemd or a shell runs it: with --demo, a phone held offline through the
 * embedded simulator's control surface shows up as a JSON line on stdout and a webhook POST; SIGTERM stops it
 * with exit 0 and its events are in the history file. A bad flag is refused before anything starts.
 */
import type { ChildProcess } from 'node:child_process'
import { request } from 'undici'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openHistoryStore } from '../../src/main/history'
import { startTestServer, waitFor, type TestServer } from '../unit/watch/alerts-servers'
import { jsonLines, requireBuiltCli, runCli, scratchDataDir, STACK_RE } from './support'

let webhook: TestServer
beforeAll(async () => {
  requireBuiltCli()
  webhook = await startTestServer()
})
afterAll(() => webhook.close())

test('watch --demo --json: a phone held offline is one line and one webhook POST; SIGTERM exits 0 with the history flushed', async () => {
  const data = await scratchDataDir()
  let child: ChildProcess | undefined
  let stdout = ''
  let stderr = ''
  const running = runCli(['watch', '--demo', '--json', '--interval', '10', '--offline-after', '0', '--webhook', `${webhook.url}/hook`, '--data-dir', data.dir], {
    started: (c) => {
      child = c
      c.stdout!.on('data', (d: string) => (stdout += d))
      c.stderr!.on('data', (d: string) => (stderr += d))
    },
  })
  try {
    // The first cycle is the starting point (phones already offline then are not news); then a phone drops.
    await waitFor(() => /Watching \d+ connections every 10 s/.test(stderr), 'the watch to start', 30_000)
    const origin = /Demo simulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!
    const state = (await (await request(`${origin}/_control`)).body.json()) as { connections: Array<{ id: string; name: string }> }
    const phone = state.connections.find((c) => c.name === 'Moscow MTS 01')!
    const held = await request(`${origin}/_control/connections/${phone.id}/status`, { method: 'POST', body: JSON.stringify({ status: 'offline' }) })
    expect(held.statusCode).toBe(200)
    await held.body.dump()

    await waitFor(() => stdout.includes('connection_offline'), 'the offline event on stdout', 30_000)
    const line = jsonLines(stdout).find((l) => l.event === 'connection_offline')!
    expect(line).toMatchObject({ connection_id: phone.id, connection_name: 'Moscow MTS 01', event: 'connection_offline' })
    expect(String(line.message)).toContain('Moscow MTS 01')
    expect(Number.isNaN(Date.parse(String(line.at)))).toBe(false)
    await waitFor(() => webhook.accepted().some((r) => r.body.event === 'connection_offline'), 'the webhook POST', 15_000)
    expect(webhook.accepted().find((r) => r.body.event === 'connection_offline')!.body).toMatchObject({ connection_id: phone.id, id: line.id })

    child!.kill('SIGTERM')
    const result = await running
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('SIGTERM: stopping the watch.')
    expect(result.stderr).not.toMatch(STACK_RE)

    const store = await openHistoryStore(data.dir, { log: () => undefined })
    const stored = store.watchEvents({ kinds: ['connection_offline'] }).events
    await store.close()
    expect(stored.map((e) => [e.connectionId, e.connectionName, String(e.id)])).toEqual([[phone.id, 'Moscow MTS 01', line.id]])
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL')
    await data.remove()
  }
})

test('watch in words: Ctrl-C (SIGINT) stops it with exit 0, not 130', async () => {
  const data = await scratchDataDir()
  let child: ChildProcess | undefined
  let stderr = ''
  const running = runCli(['watch', '--demo', '--data-dir', data.dir], {
    started: (c) => {
      child = c
      c.stderr!.on('data', (d: string) => (stderr += d))
    },
  })
  try {
    await waitFor(() => /Watching \d+ connections every 30 s \(offline after 120 s\)/.test(stderr), 'the watch to start', 30_000)
    child!.kill('SIGINT')
    const result = await running
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('SIGINT: stopping the watch.')
    // Nothing happened in those seconds: no event lines.
    expect(result.stdout).toBe('')
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL')
    await data.remove()
  }
})

test('a bad flag is refused by name before anything starts (exit 2)', async () => {
  const data = await scratchDataDir()
  try {
    const short = await runCli(['watch', '--demo', '--interval', '5', '--data-dir', data.dir])
    expect(short.code).toBe(2)
    expect(short.stderr).toMatch(/--interval: .*10/)
    const word = await runCli(['watch', '--demo', '--offline-after', 'soon', '--data-dir', data.dir])
    expect(word.code).toBe(2)
    expect(word.stderr).toContain('--offline-after "soon" is not a whole number')
    const noToken = await runCli(['watch', '--demo', '--telegram-chat', '42', '--data-dir', data.dir])
    expect(noToken.code).toBe(2)
    expect(noToken.stderr).toContain('IPROXY_TELEGRAM_TOKEN')
    expect(`${short.stderr}${word.stderr}${noToken.stderr}`).not.toMatch(STACK_RE)
  } finally {
    await data.remove()
  }
})
