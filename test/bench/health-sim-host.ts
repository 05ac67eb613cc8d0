/**
 * The simulator for `npm run bench:health`, in its own process (run with jiti by the benchmark), so the checker
 * is measured the way the app runs it: the proxies elsewhere, not sharing its event loop or its memory.
 * Prints one JSON line `{ echoUrl, targets }` once ready; stops when stdin closes or on SIGTERM.
 */
import { startSimulator } from '../../src/main/demo'
import type { HealthTarget } from '../../src/shared/health'

async function main(): Promise<void> {
  const delayMs = Number(process.argv[2] ?? '100')
  const sim = await startSimulator({ scale: { connections: 250, proxiesPerConnection: 4 }, bindListeners: true })
  sim.faults.set([{ path: '/echo', fault: { kind: 'latency', ms: delayMs } }])
  const targets: HealthTarget[] = []
  for (const p of sim.state.proxies.values()) {
    const conn = sim.state.connections.get(p.connectionId)
    if (!p.bound || p.aclIps.length > 0 || p.expiresAt || !conn?.ip || !conn.proxyEnabled || conn.status !== 'online') continue
    const t: HealthTarget = { protocol: p.listenService, host: '127.0.0.1', port: p.port }
    if (p.authType === 'userpass' && p.login !== undefined) Object.assign(t, { username: p.login, password: p.password ?? '' })
    targets.push(t)
  }
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    void sim.stop().then(() => process.exit(0))
  }
  process.stdin.on('end', stop)
  process.stdin.on('close', stop)
  process.stdin.resume()
  process.on('SIGTERM', stop)
  process.stdout.write(`${JSON.stringify({ echoUrl: sim.echoUrl, targets })}\n`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
