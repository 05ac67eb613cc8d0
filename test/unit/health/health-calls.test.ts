/**
 * The `health` domain through the real core and handler table in demo mode: account proxies are checked by id
 * through the demo simulator's own echo (never a public URL), progress events reach `emit`, input is validated,
 * and change IP and verify works end to end.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HandlerTable } from '../../../src/main/handler-table'
import type { Services } from '../../../src/main/wiring'
import type { HealthItemResult, HealthProgress, RotateVerifyResult } from '../../../src/shared/health'
import { APP_PAGE, startDemoCore, type DemoCore } from '../main/demo-core'
import { simTargets } from './support'

let demo: DemoCore
let core: Services
let table: HandlerTable
let dir: string
const emitted: Array<{ name: string; payload: unknown }> = []
/** What the fake "Open" dialog answers next (undefined: the user cancels), and the titles it was shown with. */
let nextOpenPath: string | undefined
const openDialogs: string[] = []

beforeAll(async () => {
  demo = await startDemoCore({
    name: 'health-calls',
    emit: (name, payload) => emitted.push({ name, payload }),
    desktop: {
      chooseOpenFile: async ({ title }) => {
        openDialogs.push(title)
        return nextOpenPath
      },
    },
  })
  ;({ core, table, dir } = demo)
})
afterAll(() => demo.dispose())

const call = <T>(channel: string, input: unknown): Promise<T> => demo.call<T>(channel, input)

describe('health calls in demo mode', () => {
  it('health.check by proxy id uses the simulator echo and returns no password', async () => {
    const sim = await core.demo.start()
    const [t] = simTargets(sim, 'socks5', 1)
    const r = await call<HealthItemResult>('health.check', { item: { connectionId: t!.connectionId, proxyId: t!.proxyId } })
    expect(r.result.status, r.result.error).toBe('ok')
    expect(r.result.exitIp).toBe(sim.state.connections.get(t!.connectionId)!.ip!.ipv4)
    expect(r.result.geo?.country).toBeTruthy()
    expect(JSON.stringify(r)).not.toContain(t!.target.password)
  })

  it('health.checkMany streams health.progress events to the page', async () => {
    const sim = await core.demo.start()
    const items = simTargets(sim, 'http', 3).map((t) => ({ connectionId: t.connectionId, proxyId: t.proxyId }))
    const { batchId, total } = await call<{ batchId: string; total: number }>('health.checkMany', { items })
    expect(total).toBe(3)
    const until = Date.now() + 10_000
    const progress = () => emitted.filter((e) => e.name === 'health.progress').map((e) => e.payload as HealthProgress).filter((p) => p.batchId === batchId)
    while (!progress().some((p) => p.finished) && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    const last = progress().at(-1)!
    expect(last.finished).toBe(true)
    expect(last.counts.ok).toBe(3)
    expect(progress().flatMap((p) => p.results)).toHaveLength(3)
  })

  it('validates input: a port out of range, an unknown protocol', async () => {
    const bad = await table.handle('health.check', APP_PAGE, { item: { target: { protocol: 'ftp', host: 'x', port: 70000 } } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.code).toBe('validation')
  })

  it('a batch over 20,000 proxies is refused with what to do, before anything is checked', async () => {
    const target = { protocol: 'socks5', host: '127.0.0.1', port: 1 }
    const tooMany = await table.handle('health.checkMany', APP_PAGE, { items: Array.from({ length: 20_001 }, () => ({ target })) })
    expect(tooMany.ok).toBe(false)
    if (!tooMany.ok) {
      expect(tooMany.error.code).toBe('validation')
      expect(tooMany.error.message).toMatch(/at most 20,000 proxies at a time: check a longer list in parts/)
    }
  })

  it('health.rotateAndVerify changes the demo connection IP and reports both', async () => {
    const sim = await core.demo.start()
    const [t] = simTargets(sim, 'socks5', 1)
    const before = sim.state.connections.get(t!.connectionId)!.ip!.ipv4
    const [r] = await call<RotateVerifyResult[]>('health.rotateAndVerify', { connectionIds: [t!.connectionId], proxyId: t!.proxyId, timeoutMs: 20_000 })
    expect(r!.status, r!.message).toBe('changed')
    expect(r!.oldIp).toBe(before)
    expect(r!.newIp).toBe(sim.state.connections.get(t!.connectionId)!.ip!.ipv4)
  })

  it('health.openListFile: the chosen file\'s text for the box; cancel, and each unreadable file said plainly', async () => {
    const file = join(dir, 'provider list.txt')
    await writeFile(file, '\uFEFFsocks5://u:p@127.0.0.1:1080\r\n10.0.0.1:8080:user:pässword\r\n')
    nextOpenPath = file
    expect(await call('health.openListFile', undefined)).toEqual({ cancelled: false, name: 'provider list.txt', text: 'socks5://u:p@127.0.0.1:1080\r\n10.0.0.1:8080:user:pässword\r\n' })
    expect(openDialogs.at(-1)).toBe('Open a list of proxies to check')

    nextOpenPath = undefined
    expect(await call('health.openListFile', undefined)).toEqual({ cancelled: true })

    const big = join(dir, 'big.txt')
    await writeFile(big, Buffer.alloc(5_000_001, 0x61))
    const binary = join(dir, 'photo.jpg')
    await writeFile(binary, Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10]))
    const folder = join(dir, 'a folder')
    await mkdir(folder)
    const cases: Array<[string, string, RegExp]> = [
      [big, 'file_too_large', /it is 5\.0 MB, and at most 5\.0 MB is read at once\. Split the list\./],
      [binary, 'not_text', /it is not a text file/],
      [folder, 'read_failed', /it is a folder, not a file/],
      [join(dir, 'gone.txt'), 'read_failed', /the file does not exist \(any more\)/],
    ]
    for (const [path, code, message] of cases) {
      nextOpenPath = path
      const r = await table.handle('health.openListFile', APP_PAGE, undefined)
      expect(r.ok, path).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe(code)
        expect(r.error.message).toContain(path)
        expect(r.error.message).toMatch(message)
      }
    }
  })

  it('health.parseList and health.history', async () => {
    const parsed = await call<{ items: unknown[]; rejected: Array<{ lineNumber: number; code: string }> }>('health.parseList', {
      text: 'socks5://u:p@127.0.0.1:1080\n127.0.0.1\n',
    })
    expect(parsed.items).toHaveLength(1)
    expect(parsed.rejected).toEqual([expect.objectContaining({ lineNumber: 2, code: 'missing_port' })])
    const sim = await core.demo.start()
    const [t] = simTargets(sim, 'socks5', 1)
    const history = await call<Record<string, unknown[]>>('health.history', { keys: [t!.proxyId] })
    expect(history[t!.proxyId]!.length).toBeGreaterThanOrEqual(1)
  })
})
