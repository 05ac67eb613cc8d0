/**
 * Debian's tinyproxy (/usr/bin/tinyproxy) on a random loopback port with `BasicAuth`. Tinyproxy answers a wrong
 * login with 401 (not 407), which the checker must still read as an authentication failure.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, startDaemon } from './dante'
import type { Availability } from './system'

export const TINYPROXY = '/usr/bin/tinyproxy'
export const TINYPROXY_USER = 'tinyuser'
export const TINYPROXY_PASSWORD = 'tiny-Pass-5521'

export function tinyproxyAvailability(): Availability {
  if (!existsSync(TINYPROXY)) return { available: false, reason: `${TINYPROXY} is missing: install the Debian package tinyproxy` }
  return { available: true }
}

export interface TinyproxyServer {
  host: '127.0.0.1'
  port: number
  username: string
  password: string
  pid: number
  stop(): Promise<void>
}

export async function startTinyproxy(): Promise<TinyproxyServer> {
  const dir = await mkdtemp(join(tmpdir(), 'iproxy-tinyproxy-'))
  const port = await freePort()
  const asRoot = process.getuid?.() === 0
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    'MaxClients 100',
    'Allow 127.0.0.1',
    `BasicAuth ${TINYPROXY_USER} ${TINYPROXY_PASSWORD}`,
    'DisableViaHeader Yes',
    'LogLevel Error',
    ...(asRoot ? ['User nobody', 'Group nogroup'] : []),
    '',
  ].join('\n')
  const file = join(dir, 'tinyproxy.conf')
  await writeFile(file, config)
  try {
    const daemon = await startDaemon('tinyproxy', TINYPROXY, ['-d', '-c', file], port)
    return {
      host: '127.0.0.1',
      port,
      username: TINYPROXY_USER,
      password: TINYPROXY_PASSWORD,
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
