/**
 * Debian's Dante SOCKS server (`dante-server`, /usr/sbin/danted) on a random loopback port with username auth
 * against a system user this helper creates (idempotently, with useradd and chpasswd). Needs root.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer, connect, type AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Availability } from './system'

export const DANTED = '/usr/sbin/danted'
export const DANTE_USER = 'iproxytestsocks'
export const DANTE_PASSWORD = 'dante-Pass-7391'

export function danteAvailability(): Availability {
  if (!existsSync(DANTED)) return { available: false, reason: `${DANTED} is missing: install the Debian package dante-server` }
  if (process.getuid?.() !== 0) return { available: false, reason: 'danted with username auth needs root (it reads /etc/shadow)' }
  for (const tool of ['/usr/sbin/useradd', '/usr/sbin/chpasswd']) {
    if (!existsSync(tool)) return { available: false, reason: `${tool} is missing: install the Debian package passwd` }
  }
  return { available: true }
}

function ensureUser(): void {
  if (spawnSync('id', ['-u', DANTE_USER]).status !== 0) {
    const made = spawnSync('/usr/sbin/useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', DANTE_USER], { encoding: 'utf8' })
    // Another test process may have made it at the same moment: only a still-missing user is a failure.
    if (made.status !== 0 && spawnSync('id', ['-u', DANTE_USER]).status !== 0) throw new Error(`useradd failed: ${made.stderr}`)
  }
  const pw = spawnSync('/usr/sbin/chpasswd', { input: `${DANTE_USER}:${DANTE_PASSWORD}\n`, encoding: 'utf8' })
  if (pw.status !== 0) throw new Error(`chpasswd failed: ${pw.stderr}`)
}

export interface DanteServer {
  host: '127.0.0.1'
  port: number
  username: string
  password: string
  pid: number
  stop(): Promise<void>
}

export async function startDante(): Promise<DanteServer> {
  ensureUser()
  const dir = await mkdtemp(join(tmpdir(), 'iproxy-dante-'))
  const port = await freePort()
  const config = [
    'logoutput: stderr',
    `internal: 127.0.0.1 port = ${port}`,
    'external: 127.0.0.1',
    'socksmethod: username',
    'clientmethod: none',
    'user.privileged: root',
    'user.unprivileged: nobody',
    'client pass {',
    '  from: 127.0.0.0/8 to: 0.0.0.0/0',
    '}',
    // Loopback destinations only: the tests never send traffic anywhere else.
    'socks pass {',
    '  from: 127.0.0.0/8 to: 127.0.0.0/8',
    '  command: connect',
    '}',
    'socks block {',
    '  from: 0.0.0.0/0 to: 0.0.0.0/0',
    '}',
    '',
  ].join('\n')
  const file = join(dir, 'danted.conf')
  await writeFile(file, config)
  try {
    const daemon = await startDaemon('danted', DANTED, ['-f', file, '-N', '1', '-p', join(dir, 'danted.pid')], port)
    return {
      host: '127.0.0.1',
      port,
      username: DANTE_USER,
      password: DANTE_PASSWORD,
      pid: daemon.pid,
      stop: async () => {
        await daemon.stop()
        await rm(dir, { recursive: true, force: true })
      },
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  }
}

// ---------------------------------------------------------------------------------------------------------
// Shared with tinyproxy.ts: a free loopback port, waiting until a daemon accepts, stopping it by its PID.
// ---------------------------------------------------------------------------------------------------------

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

export interface Daemon {
  pid: number
  port: number
  /** What the daemon printed, for failure messages. */
  output(): string
  stop(): Promise<void>
}

/** Spawns `command`, waits until `port` accepts connections (or the process dies), and returns it. */
export async function startDaemon(name: string, command: string, args: string[], port: number, timeoutMs = 10_000): Promise<Daemon> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8_000)))
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8_000)))
  let exited: number | null | undefined
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exited = code
      resolve()
    })
    child.once('error', (err) => {
      output += `\n${err.message}`
      exited = -1
      resolve()
    })
  })
  const until = Date.now() + timeoutMs
  while (exited === undefined && Date.now() < until) {
    if (await accepts(port)) break
    await new Promise((r) => setTimeout(r, 50))
  }
  const stop = async () => {
    if (exited !== undefined || child.pid === undefined) return
    process.kill(child.pid, 'SIGTERM')
    const killed = await Promise.race([exit.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3_000))])
    if (!killed && exited === undefined) {
      process.kill(child.pid, 'SIGKILL')
      await exit
    }
  }
  if (exited !== undefined || !(await accepts(port))) {
    await stop()
    throw new Error(`${name} did not start on 127.0.0.1:${port} (exit ${String(exited)}): ${output.trim()}`)
  }
  return { pid: child.pid as number, port, output: () => output, stop }
}
