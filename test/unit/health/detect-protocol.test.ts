/**
 * Pasted lines that do not say their protocol (`host:port:login:password`, iProxy's own SOCKS5 form) are tried as
 * HTTP and then SOCKS5, through real proxies: Debian's Dante (SOCKS5) and tinyproxy (HTTP), and the simulator's
 * own SOCKS5 and HTTP listeners. The result names the protocol that worked, and a dead line costs one check.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import type { HealthService } from '../../../src/main/health/service'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'
import { checkedTargetUrl, type HealthProgress } from '../../../src/shared/health'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'
import { danteAvailability, startDante, type DanteServer } from '../../support/dante'
import { requireSystem } from '../../support/system'
import { startTinyproxy, tinyproxyAvailability, type TinyproxyServer } from '../../support/tinyproxy'
import { expectNoLeakedHandles, simHealthService, simTargets, tcpHandleCount } from './support'

let sim: Simulator
let client: IproxyClient
let dir: string
let service: HealthService
const events: HealthProgress[] = []

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
  client = createIproxyClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, maxRetries: 0 })
  dir = await mkdtemp(join(tmpdir(), 'iproxy-detect-'))
  service = simHealthService(sim, client, dir, events)
  await service.updateSettings({ timeoutMs: 5_000 })
})
afterAll(async () => {
  await service.dispose()
  await client.close()
  await sim.stop()
  await rm(dir, { recursive: true, force: true })
})

/** A pasted line as the dialog sends it: parsed with the default (`auto`), checked one by one. */
async function checkLine(line: string) {
  const [item] = service.parseList(line).items
  if (!item) throw new Error(`the line was not read: ${line}`)
  expect(item.target.protocol).toBe('auto')
  return { item, checked: await service.check({ target: item.target, label: item.label }) }
}

describe('the real Dante and tinyproxy', () => {
  let dante: DanteServer | undefined
  let tiny: TinyproxyServer | undefined
  afterAll(async () => {
    await dante?.stop()
    await tiny?.stop()
  })

  it('a scheme-less SOCKS5 line (Dante) works and says SOCKS5; copying it writes socks5://', async (ctx) => {
    if (!requireSystem('dante-server', danteAvailability(), (note) => ctx.skip(note))) return
    dante = await startDante()
    const baseline = tcpHandleCount()
    const { item, checked } = await checkLine(`${dante.host}:${dante.port}:${dante.username}:${dante.password}`)
    expect(checked.result.status, checked.result.error).toBe('ok')
    expect(checked.result.detectedProtocol).toBe('socks5')
    expect(checked.label).toBe(`${dante.username}@${dante.host}:${dante.port}`)
    expect(checkedTargetUrl(item.target, checked.result)).toBe(`socks5://${dante.username}:${encodeURIComponent(dante.password)}@${dante.host}:${dante.port}`)
    // The HTTP try fails in milliseconds on a SOCKS5 server: the whole check is far below one timeout.
    expect(checked.result.timings.totalMs).toBeLessThan(3_000)
    const wrong = await checkLine(`${dante.host}:${dante.port}:${dante.username}:not-the-password`)
    expect(wrong.checked.result.status).toBe('auth_failed')
    expect(wrong.checked.result.detectedProtocol).toBe('socks5')
    await expectNoLeakedHandles(baseline)
  })

  it('a scheme-less HTTP line (tinyproxy) works and says HTTP, without a SOCKS5 try that would wait out the timeout', async (ctx) => {
    if (!requireSystem('tinyproxy', tinyproxyAvailability(), (note) => ctx.skip(note))) return
    tiny = await startTinyproxy()
    const started = performance.now()
    const { item, checked } = await checkLine(`${tiny.host}:${tiny.port}:${tiny.username}:${tiny.password}`)
    expect(checked.result.status, checked.result.error).toBe('ok')
    expect(checked.result.detectedProtocol).toBe('http')
    expect(checkedTargetUrl(item.target, checked.result)).toMatch(/^http:\/\//)
    expect(performance.now() - started).toBeLessThan(3_000)
    const wrong = await checkLine(`${tiny.host}:${tiny.port}:${tiny.username}:not-the-password`)
    expect(wrong.checked.result.status).toBe('auth_failed')
    expect(wrong.checked.result.detectedProtocol).toBe('http')
  })

  it('a batch of both, as pasted: each comes back working with its own protocol', async (ctx) => {
    if (!requireSystem('dante-server', danteAvailability(), (note) => ctx.skip(note))) return
    if (!requireSystem('tinyproxy', tinyproxyAvailability(), (note) => ctx.skip(note))) return
    dante ??= await startDante()
    tiny ??= await startTinyproxy()
    const parsed = service.parseList(
      [`${dante.host}:${dante.port}:${dante.username}:${dante.password}`, `${tiny.username}:${tiny.password}@${tiny.host}:${tiny.port}`].join('\n'),
    )
    const { batchId } = await service.checkMany(parsed.items.map((i) => ({ target: i.target, label: i.label })))
    await service.settled(batchId)
    const results = events.filter((e) => e.batchId === batchId).flatMap((e) => e.results)
    expect(results.map((r) => [r.label, r.result.status, r.result.detectedProtocol]).sort()).toEqual(
      [
        [`${dante.username}@${dante.host}:${dante.port}`, 'ok', 'socks5'],
        [`${tiny.username}@${tiny.host}:${tiny.port}`, 'ok', 'http'],
      ].sort(),
    )
  })
})

describe('the simulator, and lines that fail', () => {
  it('the simulator’s SOCKS5 and HTTP proxies, pasted without a scheme, each find their protocol', async () => {
    for (const protocol of ['socks5', 'http'] as const) {
      const t = simTargets(sim, protocol, 1)[0]!.target
      const { checked } = await checkLine(`127.0.0.1:${t.port}:${t.username}:${t.password}`)
      expect(checked.result.status, checked.result.error).toBe('ok')
      expect(checked.result.detectedProtocol).toBe(protocol)
    }
  })

  it('a given scheme is checked in that protocol only (no detection)', async () => {
    const t = simTargets(sim, 'socks5', 1)[0]!.target
    const [item] = service.parseList(`http://${t.username}:${t.password}@127.0.0.1:${t.port}`).items
    const checked = await service.check({ target: item!.target })
    expect(checked.result.status).toBe('proxy_error')
    expect(checked.result.detectedProtocol).toBeUndefined()
  })

  it('a closed port is refused once, with no protocol named', async () => {
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((r) => server.close(() => r()))
    const { checked } = await checkLine(`127.0.0.1:${port}:user:pass`)
    expect(checked.result.status).toBe('refused')
    expect(checked.result.detectedProtocol).toBeUndefined()
  })

  it('a far end that speaks neither protocol says so', async () => {
    // Answers one line of garbage and closes: neither an HTTP proxy nor a SOCKS5 one.
    const sockets = new Set<Socket>()
    const server = createServer((socket) => {
      sockets.add(socket)
      socket.end('220 hello, this is not a proxy\r\n')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const { port } = server.address() as AddressInfo
    try {
      const { checked } = await checkLine(`127.0.0.1:${port}:user:pass`)
      expect(checked.result.status).toBe('proxy_error')
      expect(checked.result.detectedProtocol).toBeUndefined()
      expect(checked.result.error).toContain('neither as an HTTP nor as a SOCKS5 proxy')
      expect(checked.result.reason).toBe('no_protocol')
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    }
  })

  it('the parser of the service is the shared one (a CSV export without service column still reads)', () => {
    expect(parseProxyLines('127.0.0.1:1080:a:b').proxies[0]!.service).toBeUndefined()
  })
})
