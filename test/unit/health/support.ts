/** Helpers for the health tests: targets from the simulator's proxies, and a check for leaked TCP handles. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'vitest'
import type { Simulator } from '../../../src/main/demo'
import { createHealthService, type HealthService, type HealthServiceOptions } from '../../../src/main/health/service'
import type { IproxyClient } from '../../../src/main/iproxy'
import type { HealthProgress } from '../../../src/shared/health'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'
import type { HealthTarget } from '../../../src/shared/health'

export interface SimTarget {
  target: HealthTarget
  connectionId: string
  proxyId: string
}

/** `count` of the simulator's bound, userpass proxies of this protocol whose connection has an exit. */
export function simTargets(sim: Simulator, protocol: 'socks5' | 'http', count: number): SimTarget[] {
  const out: SimTarget[] = []
  for (const p of sim.state.proxies.values()) {
    const conn = sim.state.connections.get(p.connectionId)
    if (!p.bound || p.listenService !== protocol || p.authType !== 'userpass' || p.aclIps.length > 0 || p.expiresAt) continue
    if (!conn?.ip || !conn.proxyEnabled || conn.status !== 'online') continue
    out.push({
      target: { protocol, host: '127.0.0.1', port: p.port, username: p.login!, password: p.password! },
      connectionId: p.connectionId,
      proxyId: p.id,
    })
    if (out.length === count) break
  }
  if (out.length < count) throw new Error(`the simulator has only ${out.length} usable ${protocol} proxies`)
  return out
}

const TCP_HANDLES = new Set(['TCPSocketWrap', 'TCPServerWrap', 'TCPWRAP', 'TCPSERVERWRAP'])

export function tcpHandleCount(): number {
  return process.getActiveResourcesInfo().filter((r) => TCP_HANDLES.has(r)).length
}

/** Destroyed sockets release their handles a tick or two later: wait briefly, then insist. */
export async function expectNoLeakedHandles(baseline: number, waitMs = 2_000): Promise<void> {
  const until = Date.now() + waitMs
  while (tcpHandleCount() > baseline && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
  expect(tcpHandleCount(), `TCP handles left open: ${process.getActiveResourcesInfo().join(', ')}`).toBeLessThanOrEqual(baseline)
}

/**
 * A loopback HTTP server for throughput checks: `url` answers `chunks` x 64 KiB; `endlessUrl` sends 64 KiB every
 * 20 ms for as long as the client listens; `missingUrl` answers 404.
 */
export async function startBlobServer(chunks = 80): Promise<{ url: string; endlessUrl: string; missingUrl: string; close(): Promise<void> }> {
  const chunk = Buffer.alloc(64 * 1024, 7)
  const server: Server = createServer((req, res) => {
    if (req.url === '/endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const timer = setInterval(() => res.write(chunk), 20)
      res.on('close', () => clearInterval(timer))
      return
    }
    if (req.url !== '/blob') {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('no such file')
      return
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': chunk.length * chunks })
    let sent = 0
    const pump = () => {
      while (sent < chunks && res.write(chunk)) sent += 1
      if (sent >= chunks) res.end()
      else res.once('drain', pump)
    }
    pump()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`
  return {
    url: `${base}/blob`,
    endlessUrl: `${base}/endless`,
    missingUrl: `${base}/missing`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A health service on the simulator, its data in `dataDir`, its progress events pushed to `events`; quick polls. */
export function simHealthService(
  sim: Simulator,
  client: IproxyClient,
  dataDir: string,
  events: HealthProgress[],
  extra: Partial<HealthServiceOptions> = {},
): HealthService {
  return createHealthService({
    dataDir,
    log: () => {},
    emitProgress: (p) => events.push(p),
    client: () => client,
    demoEchoUrl: async () => sim.echoUrl,
    parse: parseProxyLines,
    rotatePollMs: 100,
    historyWriteDelayMs: 50,
    ...extra,
  })
}
