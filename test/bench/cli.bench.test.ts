/**
 * `npm run bench:cli`: `iproxy check --all --demo --json` on 1,000 proxies (IPROXY_DEMO_SCALE=250x4: the demo
 * simulator generated at scale, every access on a real listener), against the app's in-process checkMany (the
 * health service) doing the same work in this process: a simulator of the same seed and size started, the proxies
 * listed, checked at the same concurrency, the simulator stopped. The difference is what running it as a command
 * adds (Node's start, loading the bundle, parsing arguments); target at most 300 ms. Also prints `iproxy --version`
 * (start-up alone) and a bare `node -e 0`. Two interleaved rounds, the best of each compared. Writes
 * out/bench/cli.json. Asserts counts only, never timings.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { BenchRecorder } from './bench-report'
import { startSimulator } from '../../src/main/demo'
import { createHealthService } from '../../src/main/health/service'
import { createIproxyClient } from '../../src/main/iproxy'
import type { HealthProgress } from '../../src/shared/health'
import { parseProxyLines } from '../../src/shared/proxy-list/parse'

const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'out/cli/iproxy.mjs')
const SCALE = { connections: 250, proxiesPerConnection: 4 }
const TARGET_MS = 300
const ROUNDS = 2

let dataDir: string | undefined
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

function timed(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.once('error', fail)
    child.once('close', (code) => done({ ms: performance.now() - t0, code, stdout }))
  })
}

async function inProcess(dir: string): Promise<{ ms: number; checked: number; ok: number }> {
  const t0 = performance.now()
  const sim = await startSimulator({ scale: SCALE, bindListeners: true })
  const client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })
  let finished!: () => void
  const done = new Promise<void>((r) => (finished = r))
  let checked = 0
  let ok = 0
  const health = createHealthService({
    dataDir: dir,
    log: () => {},
    emitProgress: (p: HealthProgress) => {
      checked += p.results.length
      ok += p.results.filter((r) => r.result.ok).length
      if (p.finished) finished()
    },
    client: () => client,
    demoEchoUrl: async () => sim.echoUrl,
    parse: parseProxyLines,
    progressIntervalMs: 20,
  })
  const proxies = await client.proxies.list()
  await health.checkMany(proxies.map((p) => ({ connectionId: p.connection_id, proxyId: p.id })))
  await done
  await health.dispose()
  await client.close()
  await sim.stop()
  return { ms: performance.now() - t0, checked, ok }
}

it('iproxy check --all --demo --json on 1,000 proxies vs the in-process checkMany', { timeout: 600_000 }, async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iproxy-cli-bench-'))
  const env: NodeJS.ProcessEnv = { ...process.env, IPROXY_DATA_DIR: dataDir, IPROXY_DEMO_SCALE: `${SCALE.connections}x${SCALE.proxiesPerConnection}` }
  delete env.IPROXY_API_KEY

  const node = await timed(['-e', '0'], env)
  const version = await timed([CLI, '--version'], env)
  expect(version.code).toBe(0)

  // Interleaved rounds, the best of each kept: on a shared machine one slow moment would otherwise decide it.
  const cliRuns: Array<Awaited<ReturnType<typeof timed>>> = []
  const appRuns: Array<Awaited<ReturnType<typeof inProcess>>> = []
  for (let round = 0; round < ROUNDS; round++) {
    cliRuns.push(await timed([CLI, 'check', '--all', '--demo', '--json'], env))
    appRuns.push(await inProcess(dataDir))
  }
  const cli = cliRuns.reduce((a, b) => (b.ms < a.ms ? b : a))
  const app = appRuns.reduce((a, b) => (b.ms < a.ms ? b : a))
  const lines = cli.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
  const summary = lines.at(-1)!
  expect(summary.type).toBe('summary')
  expect(summary.total).toBe(SCALE.connections * SCALE.proxiesPerConnection)
  expect(lines.filter((l) => l.type === 'result')).toHaveLength(summary.checked as number)

  expect(app.checked).toBe(summary.total)
  expect(app.ok).toBe(summary.ok)

  const added = cli.ms - app.ms
  const report = new BenchRecorder('cli')
  report.add('iproxy check --all --demo --json (1,000 proxies), wall', cli.ms, 'ms', { name: 'in-process checkMany, same work', value: app.ms, unit: 'ms' })
  report.add('start-up added by the command', added, 'ms')
  report.add('iproxy --version, wall', version.ms, 'ms', { name: 'node -e 0', value: node.ms, unit: 'ms' })
  report.add('iproxy start-up beyond node itself (--version minus node -e 0)', version.ms - node.ms, 'ms')
  report.add('proxies ok (both)', app.ok, 'count')
  const path = report.write()
  const ms = (v: number) => `${v.toFixed(0)} ms`
  console.log(
    [
      '',
      `command-line benchmark: ${summary.total} proxies (demo at ${SCALE.connections}x${SCALE.proxiesPerConnection}), concurrency 50, load average ${loadavg()[0]!.toFixed(1)}`,
      `  iproxy check --all --demo --json: ${ms(cli.ms)} wall (best of ${cliRuns.map((r) => ms(r.ms)).join(', ')}), ${String(summary.ok)} ok (exit ${String(cli.code)})`,
      `  in-process checkMany, same work:   ${ms(app.ms)} wall (best of ${appRuns.map((r) => ms(r.ms)).join(', ')}), ${app.ok} ok`,
      `  start-up added by the command:     ${ms(added)} (target <= ${TARGET_MS} ms)`,
      `  iproxy --version: ${ms(version.ms)}; node -e 0: ${ms(node.ms)}: ${ms(version.ms - node.ms)} to load the command (start-up alone)`,
      `  (the two wall times differ run to run by more than start-up on a busy machine: compare the load average)`,
      `  figures written to ${path}`,
    ].join('\n'),
  )
})
