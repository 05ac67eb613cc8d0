/**
 * Relays in front of real third-party proxies on loopback: Debian's Dante (SOCKS5, username auth) and tinyproxy
 * (HTTP, BasicAuth), curl on both listener kinds, the simulator's echo as the destination (reached by name).
 * Reached straight through Dante or tinyproxy, the echo reports the proxy's loopback address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { startRelay } from '../../../src/main/relay/relay'
import { makeUpstream } from '../../../src/main/relay/upstream'
import { danteAvailability, startDante, type DanteServer } from '../../support/dante'
import { requireSystem } from '../../support/system'
import { startTinyproxy, tinyproxyAvailability, type TinyproxyServer } from '../../support/tinyproxy'
import { curl, echoThrough, expectNoLeakedHandles, tcpHandleCount } from './support'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' })
})
afterAll(async () => {
  await sim.stop()
})

async function bothListenersWork(upstream: ReturnType<typeof makeUpstream>): Promise<void> {
  const baseline = tcpHandleCount()
  const relay = await startRelay({ upstreams: [upstream], httpPort: 0, socksPort: 0 })
  try {
    const http = relay.listeners.find((l) => l.kind === 'http')!.port
    const socks = relay.listeners.find((l) => l.kind === 'socks5')!.port
    expect((await echoThrough('http', http, sim.echoUrl)).ip).toBe('127.0.0.1')
    expect((await echoThrough('http', http, sim.echoUrl, ['-p'])).ip).toBe('127.0.0.1')
    expect((await echoThrough('socks5', socks, sim.echoUrl)).ip).toBe('127.0.0.1')
    expect(relay.status().bytesDown).toBeGreaterThan(0)
  } finally {
    await relay.close()
  }
  await expectNoLeakedHandles(baseline)
}

async function badPasswordIsExplained(upstream: ReturnType<typeof makeUpstream>): Promise<void> {
  const relay = await startRelay({ upstreams: [upstream], httpPort: 0, socksPort: 0 })
  try {
    const http = relay.listeners.find((l) => l.kind === 'http')!.port
    const socks = relay.listeners.find((l) => l.kind === 'socks5')!.port
    const plain = await curl(['-x', `http://127.0.0.1:${http}`, sim.echoUrl, '-w', '\n%{http_code}'])
    expect(plain.stdout).toMatch(/Bad Gateway: the upstream proxy refused the login or password[\s\S]*\n502$/)
    const tunnel = await curl(['-x', `http://127.0.0.1:${http}`, '-p', '-v', sim.echoUrl])
    expect(tunnel.stderr).toMatch(/CONNECT tunnel failed, response 502/)
    // curl 97: "proxy handshake error"; -v shows the SOCKS5 reply it got.
    const viaSocks = await curl(['--socks5-hostname', `127.0.0.1:${socks}`, '-v', sim.echoUrl])
    expect(viaSocks.code).toBe(97)
    expect(relay.status().lastError?.kind).toBe('upstream_auth')
    expect(relay.status().lastError?.message).not.toContain('wrong-Pass')
  } finally {
    await relay.close()
  }
}

describe('Dante (SOCKS5, username auth) as the upstream', () => {
  let dante: DanteServer | undefined
  afterAll(async () => {
    await dante?.stop()
  })

  it('curl through both listeners; a wrong password gives 502 and a SOCKS5 failure', async (ctx) => {
    if (!requireSystem('dante-server', danteAvailability(), (note) => ctx.skip(note))) return
    dante = await startDante()
    await bothListenersWork(makeUpstream('socks5', dante.host, dante.port, dante.username, dante.password))
    await badPasswordIsExplained(makeUpstream('socks5', dante.host, dante.port, dante.username, 'wrong-Pass'))
  })
})

describe('tinyproxy (HTTP, BasicAuth) as the upstream', () => {
  let tiny: TinyproxyServer | undefined
  afterAll(async () => {
    await tiny?.stop()
  })

  it('curl through both listeners; a wrong password gives 502 and a SOCKS5 failure', async (ctx) => {
    if (!requireSystem('tinyproxy', tinyproxyAvailability(), (note) => ctx.skip(note))) return
    tiny = await startTinyproxy()
    await bothListenersWork(makeUpstream('http', tiny.host, tiny.port, tiny.username, tiny.password))
    await badPasswordIsExplained(makeUpstream('http', tiny.host, tiny.port, tiny.username, 'wrong-Pass'))
  })
})
