/** Helpers for the relay tests: curl as a real child process, and a listener that closes or refuses on purpose. */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Simulator } from '../../../src/main/demo'
import { makeUpstream, type Upstream } from '../../../src/main/relay/upstream'
import { simTargets } from '../health/support'

export { expectNoLeakedHandles, tcpHandleCount } from '../health/support'

export interface CurlResult {
  code: number
  stdout: string
  stderr: string
}

/** `curl -sS --max-time 10 ...args`; resolves whatever the exit code. */
export function curl(args: string[]): Promise<CurlResult> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', '--noproxy', '', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** What the echo saw, through `curl -x` (HTTP listener) or `--socks5-hostname` (SOCKS5 listener). */
export async function echoThrough(kind: 'http' | 'socks5', port: number, echoUrl: string, extra: string[] = []): Promise<{ ip: string; connection_id: string | null }> {
  const proxy = kind === 'http' ? ['-x', `http://127.0.0.1:${port}`] : ['--socks5-hostname', `127.0.0.1:${port}`]
  const result = await curl([...proxy, ...extra, echoUrl])
  if (result.code !== 0) throw new Error(`curl through ${kind} ${port} failed (${result.code}): ${result.stderr}`)
  return JSON.parse(result.stdout) as { ip: string; connection_id: string | null }
}

/** A simulator proxy as an upstream, with the exit IP its connection has. */
export function simUpstream(sim: Simulator, protocol: 'http' | 'socks5', nth = 0): { upstream: Upstream; exitIp: string; connectionId: string; proxyId: string } {
  const t = simTargets(sim, protocol, nth + 1)[nth]!
  const conn = sim.state.connections.get(t.connectionId)!
  return {
    upstream: makeUpstream(protocol, t.target.host, t.target.port, t.target.username, t.target.password),
    exitIp: conn.ip!.ipv4,
    connectionId: t.connectionId,
    proxyId: t.proxyId,
  }
}

/** A loopback port nothing listens on (bound, read, closed). */
export async function closedPort(): Promise<number> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The simulator's echo URL with `localhost` instead of the address, so the name travels to the upstream. */
export function byName(url: string): string {
  return url.replace('127.0.0.1', 'localhost')
}
