/**
 * Shared harness for the demo network tests: an echo endpoint, a proxy listener pool sharing its exit registry,
 * curl and raw-socket clients, and a check that a test leaves no TCP handle behind.
 */
import { execFile } from 'node:child_process'
import type { Socket } from 'node:net'
import { expect } from 'vitest'
import { createExitRegistry, type ExitRegistry } from '../../../src/main/demo/exit-registry'
import { startEchoServer, type EchoServer, type ExitInfo } from '../../../src/main/demo/echo-server'
import { createProxyListenerPool, type ProxyListenerPool } from '../../../src/main/demo/proxy-listeners'
import type { ProxyAccessDescription } from '../../../src/main/demo/proxy-listeners'

export const EXITS: Record<string, ExitInfo> = {
  'conn-a': { ip: '176.59.10.20', country: 'RU', city: 'Moscow', asn: 'AS12958', carrier: 'T2' },
  'conn-b': { ip: '85.140.3.4', country: 'RU', city: 'Kazan', asn: 'AS25159', carrier: 'MegaFon' },
}

export interface Rig {
  registry: ExitRegistry
  echo: EchoServer
  pool: ProxyListenerPool
  close(): Promise<void>
}

export async function startRig(): Promise<Rig> {
  const registry = createExitRegistry()
  const echo = await startEchoServer({ registry, lookupExit: (id) => EXITS[id] })
  const pool = createProxyListenerPool({ host: '127.0.0.1', registry, connectTimeoutMs: 3_000 })
  return {
    registry,
    echo,
    pool,
    async close() {
      await pool.closeAll()
      await echo.close()
    },
  }
}

export function access(overrides: Partial<ProxyAccessDescription> = {}): ProxyAccessDescription {
  return {
    id: 'pa-1',
    connectionId: 'conn-a',
    listenService: 'socks5',
    authType: 'userpass',
    login: 'alice',
    password: 's3cret',
    ...overrides,
  }
}

export interface CurlResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs /usr/bin/curl with no curlrc and no proxy variables from the environment. */
export function curl(args: string[]): Promise<CurlResult> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' }
  return new Promise((resolve) => {
    execFile('/usr/bin/curl', ['-q', '-sS', '--max-time', '10', ...args], { env }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0
      resolve({ exitCode: err ? code || 1 : 0, stdout, stderr })
    })
  })
}

/** A plain HTTP/1.1 GET written on an already-tunnelled socket; resolves with status and body. */
export function getOverSocket(socket: Socket, path = '/echo'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.once('error', reject)
    socket.once('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head = '', body = ''] = text.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), body })
      socket.destroy()
    })
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
  })
}

const TCP_HANDLES = new Set(['TCPSocketWrap', 'TCPServerWrap', 'TCPWRAP', 'TCPSERVERWRAP'])

export function tcpHandleCount(): number {
  return process.getActiveResourcesInfo().filter((r) => TCP_HANDLES.has(r)).length
}

/** Destroyed sockets release their handles a tick or two later; wait briefly, then insist. */
export async function expectTcpHandlesBackTo(baseline: number): Promise<void> {
  const deadline = Date.now() + 2_000
  while (tcpHandleCount() > baseline && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  expect(tcpHandleCount(), `TCP handles left open: ${process.getActiveResourcesInfo().join(', ')}`).toBe(baseline)
}

export function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const tick = () => {
      if (condition()) return resolve()
      if (Date.now() - started > timeoutMs) return reject(new Error('condition not met in time'))
      setTimeout(tick, 10)
    }
    tick()
  })
}
