/**
 * The in-process side of `npm run bench:cli`, run in a fresh plain `node` (built by the bench with the CLI's
 * bundling, so it loads the same way): the app's checkMany on a simulator of the given size, with check results
 * written to the history database as the app and `iproxy check` do. It times the work from inside, after its
 * imports, so (CLI wall time − this) is what running the command adds: Node's start, loading, arguments, exit.
 * It prints the CPU time of the same stretch too (process.cpuUsage), for the CPU-time comparison.
 * Usage: node cli-in-process.mjs <dataDir> <connections>x<proxiesPerConnection>; prints one JSON line.
 */
import { startSimulator } from '../../src/main/demo'
import { createHealthService } from '../../src/main/health/service'
import { openAppHistory } from '../../src/main/history/app-history'
import { checkHistoryInStore } from '../../src/main/history/check-history'
import { createIproxyClient } from '../../src/main/iproxy'
import type { HealthProgress } from '../../src/shared/health'
import { parseProxyLines } from '../../src/shared/proxy-list/parse'

async function main(): Promise<void> {
  const [dataDir, scaleArg] = process.argv.slice(2)
  const [connections, proxiesPerConnection] = (scaleArg ?? '').split('x').map(Number)
  if (!dataDir || !connections || !proxiesPerConnection) throw new Error('usage: cli-in-process <dataDir> <connections>x<proxiesPerConnection>')
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const sim = await startSimulator({ scale: { connections, proxiesPerConnection }, bindListeners: true })
  const client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl })
  const log = () => {}
  const history = openAppHistory(dataDir, log)
  let finished!: () => void
  const done = new Promise<void>((resolve) => (finished = resolve))
  let checked = 0
  let ok = 0
  const health = createHealthService({
    dataDir,
    log,
    emitProgress: (p: HealthProgress) => {
      checked += p.results.length
      ok += p.results.filter((r) => r.result.ok).length
      if (p.finished) finished()
    },
    client: () => client,
    demoEchoUrl: async () => sim.echoUrl,
    parse: parseProxyLines,
    history: checkHistoryInStore(history.store, log),
    progressIntervalMs: 20, // as the command line sets it
  })
  const proxies = await client.proxies.list()
  await health.checkMany(proxies.map((p) => ({ connectionId: p.connection_id, proxyId: p.id })))
  await done
  await health.dispose()
  await history.dispose()
  await client.close()
  await sim.stop()
  const cpu = process.cpuUsage(cpu0)
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, checked, ok })}\n`)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
