/**
 * `iproxy export` is byte for byte what the app's exports service writes for the same data, in all seven formats;
 * --out is written atomically (nothing left when it cannot be); `iproxy ovpn` writes verified .ovpn files.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { chmod, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/main/demo'
import { createExportsService } from '../../src/main/exports/service'
import { createIproxyClient, type IproxyClient } from '../../src/main/iproxy'
import { PROXY_FORMATS } from '../../src/shared/proxy-list/format'
import { runCli, startSimulatedAccount, STACK_RE, type SimulatedAccount } from './support'

let account: SimulatedAccount
let sim: Simulator
let client: IproxyClient
let data: SimulatedAccount['data']
let env: Record<string, string>

beforeAll(async () => {
  account = await startSimulatedAccount('cli-export-key-0123456789abcdef')
  ;({ sim, data, env } = account)
  client = createIproxyClient({ apiKey: account.key, baseUrl: sim.baseUrl })
})
afterAll(async () => {
  await client?.close()
  await account?.stop()
})

/** The app's own export of the same data: the exports service, as the desktop app builds it. */
function appExport(input: Parameters<ReturnType<typeof createExportsService>['render']>[0]): Promise<string> {
  const never = () => {
    throw new Error('no dialog in this test')
  }
  const service = createExportsService({ client: () => client, desktop: { chooseSaveFile: never, chooseFolder: never, chooseOpenFile: never, writeClipboard: never, readClipboard: never }, userDataDir: data.dir })
  return service.render(input).then((r) => r.text)
}

describe('export', () => {
  it.each(PROXY_FORMATS.map((f) => [f]))('--format %s on stdout equals the app’s export byte for byte', async (format) => {
    const template = format === 'template' ? '{connection_name};{host}:{port};{login};{password}' : undefined
    const args = ['export', '--format', format, '--address', 'ip', ...(template ? ['--template', template] : [])]
    const run = await runCli(args, { env })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const app = await appExport({ format, address: 'ip', ...(template ? { template } : {}) })
    expect(app.length).toBeGreaterThan(100)
    expect(Buffer.from(run.stdout, 'utf8').equals(Buffer.from(app, 'utf8'))).toBe(true)
  })

  it('--connection and --out: the file holds exactly the app’s export of that connection’s proxies', async () => {
    const conn = [...sim.state.connections.values()].find((c) => c.name === 'London EE')!
    const out = join(data.dir, 'london.csv')
    const run = await runCli(['export', '--format', 'csv', '--connection', conn.id, '--out', out, '--json'], { env })
    expect(run.code).toBe(0)
    const proxyIds = [...sim.state.proxies.values()].filter((p) => p.connectionId === conn.id).map((p) => p.id)
    expect(readFileSync(out, 'utf8')).toBe(await appExport({ format: 'csv', address: 'hostname', proxyIds }))
    expect(JSON.parse(run.stdout)).toMatchObject({ path: out, count: proxyIds.length, total: proxyIds.length })
  })

  it('an --out that cannot be written: a clear error, exit 1, nothing (not half a file) left', async () => {
    const locked = join(data.dir, 'locked')
    await mkdir(locked)
    await chmod(locked, 0o500)
    try {
      const target = process.getuid?.() === 0 ? join(data.dir, 'missing-folder', 'out.txt') : join(locked, 'out.txt')
      const run = await runCli(['export', '--format', 'url', '--out', target], { env })
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^iproxy: write_failed: Could not save .*out\.txt: /)
      expect(run.stderr).not.toMatch(STACK_RE)
      expect(existsSync(target)).toBe(false)
      expect(readdirSync(locked)).toEqual([])
    } finally {
      await chmod(locked, 0o700)
    }
  })

  it('--template without --format template is a usage error naming it (exit 2)', async () => {
    const run = await runCli(['export', '--format', 'csv', '--template', '{host}'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--template')
  })
})

describe('ovpn', () => {
  const sha1 = (b: Uint8Array | string) => createHash('sha1').update(b).digest('hex')

  it('--out DIR: one verified .ovpn per VPN access, each the simulator’s config', async () => {
    const dir = join(data.dir, 'vpn')
    await mkdir(dir)
    const run = await runCli(['ovpn', '--out', dir, '--json'], { env })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { into: string; written: Array<{ name: string; path: string }>; failed: unknown[] }
    const vpns = [...sim.state.vpns.values()]
    expect(doc.into).toBe('folder')
    expect(doc.failed).toEqual([])
    expect(doc.written).toHaveLength(vpns.length)
    expect(readdirSync(dir).sort()).toEqual(doc.written.map((w) => w.name).sort())
    const configs = await Promise.all(vpns.map((v) => client.vpn.getConfig(v.connectionId, v.id)))
    const expected = new Set(configs.map((c) => sha1(Buffer.from(c.config_base64, 'base64'))))
    expect(expected.size).toBe(vpns.length)
    for (const w of doc.written) expect(expected.has(sha1(readFileSync(w.path)))).toBe(true)
  })

  it('--connection and --zip: one zip with that connection’s configs', async () => {
    const vpn = [...sim.state.vpns.values()][0]!
    const zip = join(data.dir, 'configs.zip')
    const run = await runCli(['ovpn', '--connection', vpn.connectionId, '--zip', '--out', zip], { env })
    expect(run.code).toBe(0)
    const entries = unzipSync(readFileSync(zip))
    const mine = [...sim.state.vpns.values()].filter((v) => v.connectionId === vpn.connectionId)
    expect(Object.keys(entries)).toHaveLength(mine.length)
    expect(Object.keys(entries).every((n) => n.endsWith('.ovpn'))).toBe(true)
  })

  it('a folder that does not exist: a clear error before anything is downloaded, exit 1', async () => {
    const run = await runCli(['ovpn', '--out', join(data.dir, 'nope')], { env })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/write_failed: Could not save into .*nope: the folder does not exist/)
    expect(existsSync(join(data.dir, 'nope'))).toBe(false)
  })
})
