/**
 * `npm run bench:health`: 1,000 checks through the simulator's real SOCKS5/HTTP proxies with the echo delayed
 * 100 ms, concurrency 100. Prints the wall time against the ideal (10 rounds x one check's latency measured
 * alone), the same list through curl with `xargs -P 100`, the main-process RSS growth and the sockets left open.
 * Targets: within 1.25x the ideal, at least 3x faster than curl, RSS growth under 60 MB, zero sockets left.
 * Then the same batch again, once both processes' code is optimized, and the same batch by a bare raw-socket
 * client (bare-proxy-get.ts): the floor this machine and the simulator allow any checker (printed for comparison).
 * The figures also go to out/bench/health.json: each wall time against the ideal, curl's against checkMany's (its
 * ratio is the printed "Nx faster"). Asserts counts only, never timings.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/demo'
import { checkMany, checkProxy } from '../../src/main/health'
import type { HealthTarget } from '../../src/shared/health'
import { bareProxyGet } from './bare-proxy-get'
import { BenchRecorder } from './bench-report'

/** jiti runs the TypeScript host script in a child process (it comes with the toolchain). */
const JITI_CLI = join(__dirname, '../../node_modules/jiti/lib/jiti-cli.mjs')
const HOST = join(__dirname, 'health-sim-host.ts')

const TOTAL = 1_000
const CONCURRENCY = 100
const ECHO_DELAY_MS = 100
const CURL = '/usr/bin/curl'

const ms = (v: number) => `${v.toFixed(0)} ms`
const toMb = (bytes: number) => bytes / 1024 / 1024
const mb = (bytes: number) => `${toMb(bytes).toFixed(1)} MB`
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000
const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

let sim: Simulator | undefined
let host: ChildProcess | undefined
let dir: string | undefined
afterAll(async () => {
  await sim?.stop()
  if (host && host.exitCode === null) {
    const exited = new Promise((r) => host!.once('exit', r))
    host.stdin?.end()
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
    if (host.exitCode === null && host.pid) process.kill(host.pid, 'SIGKILL')
  }
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** The simulator in a child process when jiti is there; in this process otherwise (said in the output). */
async function startProxies(): Promise<{ echoUrl: string; targets: HealthTarget[]; where: string }> {
  if (existsSync(JITI_CLI)) {
    host = spawn(process.execPath, [JITI_CLI, HOST, String(ECHO_DELAY_MS)], { stdio: ['pipe', 'pipe', 'inherit'] })
    const first = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: host!.stdout! })
      lines.once('line', (line) => {
        lines.close()
        resolve(line)
      })
      host!.once('exit', (code) => reject(new Error(`the simulator host exited (${code})`)))
    })
    const ready = JSON.parse(first) as { echoUrl: string; targets: HealthTarget[] }
    return { ...ready, where: 'in a child process' }
  }
  sim = await startSimulator({ scale: { connections: 250, proxiesPerConnection: 4 }, bindListeners: true })
  sim.faults.set([{ path: '/echo', fault: { kind: 'latency', ms: ECHO_DELAY_MS } }])
  return { echoUrl: sim.echoUrl, targets: usableTargets(sim), where: 'in this process (jiti not found: figures include the simulator)' }
}

/** CPU time (ms) a process has used, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  const ticks = Number(fields[11]) + Number(fields[12]) // utime + stime, in clock ticks (100 a second on Linux)
  return Number.isFinite(ticks) ? ticks * 10 : undefined
}

function usableTargets(s: Simulator): HealthTarget[] {
  const out: HealthTarget[] = []
  for (const p of s.state.proxies.values()) {
    const conn = s.state.connections.get(p.connectionId)
    if (!p.bound || p.aclIps.length > 0 || p.expiresAt || !conn?.ip || !conn.proxyEnabled || conn.status !== 'online') continue
    const t: HealthTarget = { protocol: p.listenService, host: '127.0.0.1', port: p.port }
    if (p.authType === 'userpass') Object.assign(t, { username: p.login, password: p.password })
    out.push(t)
  }
  return out
}

function proxyUrl(t: HealthTarget): string {
  const auth = t.username ? `${encodeURIComponent(t.username)}:${encodeURIComponent(t.password ?? '')}@` : ''
  return `${t.protocol === 'socks5' ? 'socks5h' : 'http'}://${auth}${t.host}:${t.port}`
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout })
    })
  })
}

it('prints wall time vs ideal, vs curl, RSS growth and sockets left', async () => {
  const proxies = await startProxies()
  const echoUrl = proxies.echoUrl
  const usable = proxies.targets
  expect(usable.length).toBeGreaterThan(0)
  const targets = Array.from({ length: TOTAL }, (_, i) => usable[i % usable.length] as HealthTarget)
  const bench = new BenchRecorder('health')
  const lines = [
    '',
    `health-check benchmark: ${TOTAL} checks (${usable.length} distinct simulator proxies, simulator ${proxies.where}), echo +${ECHO_DELAY_MS} ms, concurrency ${CONCURRENCY}`,
  ]

  // One check's latency alone (warm-up first).
  await checkProxy(targets[0]!, { echoUrl })
  const alone: number[] = []
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now()
    const r = await checkProxy(targets[i]!, { echoUrl })
    alone.push(performance.now() - t0)
    expect(r.status, r.error).toBe('ok')
  }
  const perCheck = median(alone)
  const rounds = Math.ceil(TOTAL / CONCURRENCY)
  const ideal = rounds * perCheck
  lines.push(`  one check alone: median ${ms(perCheck)} -> ideal ${rounds} rounds x ${ms(perCheck)} = ${ms(ideal)}`)
  bench.add('one check alone: median', perCheck, 'ms')
  const idealFigure = { name: `ideal: ${rounds} rounds x one check`, value: ideal, unit: 'ms' } as const
  bench.add(idealFigure.name, ideal, 'ms')

  const handlesBefore = tcpHandles()
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  let rssPeak = rssBefore
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20)
  const hostCpu0 = processCpuMs(host?.pid)
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const results = await checkMany(targets, { echoUrl, concurrency: CONCURRENCY, timeoutMs: 10_000 })
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const hostCpu1 = processCpuMs(host?.pid)
  clearInterval(sampler)
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
  const ok = results.filter((r) => r.status === 'ok').length
  await new Promise((r) => setTimeout(r, 200))
  const handlesAfter = tcpHandles()
  lines.push(`  checkMany: ${ms(wall)} wall, ${ok}/${TOTAL} ok — ${(wall / ideal).toFixed(2)}x the ideal (target <= 1.25x)`)
  lines.push(`  this process's CPU during the batch: ${ms(cpuMs(cpu))} (${(cpuMs(cpu) / TOTAL).toFixed(2)} ms a check)`)
  bench.add('checkMany: wall', wall, 'ms', idealFigure)
  bench.add('checkMany: ok', ok, 'count')
  bench.add("checkMany: this process's CPU", cpuMs(cpu), 'ms')
  bench.add("checkMany: this process's CPU a check", cpuMs(cpu) / TOTAL, 'ms')
  if (hostCpu0 !== undefined && hostCpu1 !== undefined) {
    lines.push(`  the simulator process's CPU during the batch: ${ms(hostCpu1 - hostCpu0)}`)
    bench.add("checkMany: the simulator process's CPU", hostCpu1 - hostCpu0, 'ms')
  }
  const load = loadavg()
  lines.push(`  load average at the end: ${load.map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (a busy machine stretches the wall time, not the CPU)`)
  bench.add('load average (1 min) at the end', load[0]!, 'load')
  lines.push(`  RSS growth during the batch: ${mb(rssPeak - rssBefore)} peak (target < 60 MB)`)
  bench.add('checkMany: RSS growth, peak', toMb(rssPeak - rssBefore), 'MB')
  lines.push(`  TCP handles: ${handlesBefore} before, ${handlesAfter} after (target: no growth)`)
  bench.add('TCP handles before', handlesBefore, 'count')
  bench.add('TCP handles after', handlesAfter, 'count')
  expect(ok).toBe(TOTAL)
  expect(handlesAfter).toBeLessThanOrEqual(handlesBefore)

  // The batch above is the first in a fresh process on both sides, so it runs mostly unoptimized code. The same
  // batch again shows what a user who keeps the app open gets (printed for comparison; the targets are above).
  const warmCpu0 = process.cpuUsage()
  const warmHostCpu0 = processCpuMs(host?.pid)
  const w0 = performance.now()
  const warm = await checkMany(targets, { echoUrl, concurrency: CONCURRENCY, timeoutMs: 10_000 })
  const warmWall = performance.now() - w0
  const warmCpu = process.cpuUsage(warmCpu0)
  const warmHostCpu1 = processCpuMs(host?.pid)
  expect(warm.filter((r) => r.status === 'ok').length).toBe(TOTAL)
  const warmHost = warmHostCpu0 !== undefined && warmHostCpu1 !== undefined ? `, simulator ${ms(warmHostCpu1 - warmHostCpu0)}` : ''
  lines.push(`  the same batch again (warm): ${ms(warmWall)} wall — ${(warmWall / ideal).toFixed(2)}x the ideal; CPU: checker ${ms(cpuMs(warmCpu))}${warmHost}`)
  bench.add('checkMany again (warm): wall', warmWall, 'ms', idealFigure)
  bench.add('checkMany again (warm): CPU, checker', cpuMs(warmCpu), 'ms')
  if (warmHostCpu0 !== undefined && warmHostCpu1 !== undefined) bench.add('checkMany again (warm): CPU, simulator', warmHostCpu1 - warmHostCpu0, 'ms')

  // The floor: the same batch by a client that spends next to no CPU (raw sockets, no library), against the
  // same simulator. What is left between this and the ideal is the machine and the simulator, not the checker.
  const bareCpu0 = process.cpuUsage()
  const bareHostCpu0 = processCpuMs(host?.pid)
  const b0 = performance.now()
  let next = 0
  let bareOk = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < targets.length) if (await bareProxyGet(targets[next++]!, echoUrl)) bareOk++
    }),
  )
  const bareWall = performance.now() - b0
  const bareCpu = process.cpuUsage(bareCpu0)
  const bareHostCpu1 = processCpuMs(host?.pid)
  expect(bareOk).toBe(TOTAL)
  const bareHost = bareHostCpu0 !== undefined && bareHostCpu1 !== undefined ? `, simulator ${ms(bareHostCpu1 - bareHostCpu0)}` : ''
  lines.push(`  floor, the same batch by a bare raw-socket client: ${ms(bareWall)} wall — ${(bareWall / ideal).toFixed(2)}x the ideal; CPU: client ${ms(cpuMs(bareCpu))}${bareHost}`)
  bench.add('floor, bare raw-socket client: wall', bareWall, 'ms', idealFigure)
  bench.add('floor, bare raw-socket client: CPU, client', cpuMs(bareCpu), 'ms')
  if (bareHostCpu0 !== undefined && bareHostCpu1 !== undefined) bench.add('floor, bare raw-socket client: CPU, simulator', bareHostCpu1 - bareHostCpu0, 'ms')

  if (existsSync(CURL)) {
    dir = await mkdtemp(join(tmpdir(), 'iproxy-health-bench-'))
    const list = join(dir, 'proxies.txt')
    await writeFile(list, `${targets.map(proxyUrl).join('\n')}\n`)
    const script = `xargs -P ${CONCURRENCY} -I{} ${CURL} -s -o /dev/null -w '%{http_code}\\n' --max-time 10 -x {} ${echoUrl} < ${list}`
    const c0 = performance.now()
    const curl = await run('/bin/sh', ['-c', script])
    const curlWall = performance.now() - c0
    const curlOk = curl.stdout.split('\n').filter((l) => l === '200').length
    lines.push(`  curl via xargs -P ${CONCURRENCY}: ${ms(curlWall)} wall, ${curlOk}/${TOTAL} ok — checkMany is ${(curlWall / wall).toFixed(1)}x faster (target >= 3x)`)
    bench.add(`curl via xargs -P ${CONCURRENCY}: wall`, curlWall, 'ms', { name: 'checkMany', value: wall, unit: 'ms' })
    bench.add(`curl via xargs -P ${CONCURRENCY}: ok`, curlOk, 'count')
  } else {
    lines.push(`  curl comparison skipped: ${CURL} is missing`)
  }
  console.log(lines.join('\n'))
  console.log(`figures written to ${bench.write()}`)
})
