/**
 * A relay in front of the simulator's proxies, used by curl: both listener kinds, both upstream kinds; the echo
 * reports the upstream connection's exit IP, which is what a user checks. Host names travel to the upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { startRelay } from '../../../src/main/relay/relay'
import { makeUpstream } from '../../../src/main/relay/upstream'
import { byName, curl, echoThrough, expectNoLeakedHandles, simUpstream, tcpHandleCount } from './support'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
})
afterAll(async () => {
  await sim.stop()
})

describe('relay through the simulator', () => {
  for (const upstreamKind of ['socks5', 'http'] as const) {
    it(`HTTP and SOCKS5 listeners reach the echo through a ${upstreamKind} upstream with its exit IP`, async () => {
      const baseline = tcpHandleCount()
      const { upstream, exitIp } = simUpstream(sim, upstreamKind)
      const relay = await startRelay({ upstreams: [upstream], httpPort: 0, socksPort: 0 })
      try {
        const http = relay.listeners.find((l) => l.kind === 'http')!.port
        const socks = relay.listeners.find((l) => l.kind === 'socks5')!.port
        // Plain request (absolute URI through proxy-chain), CONNECT tunnel (-p), and SOCKS5 with the name.
        expect((await echoThrough('http', http, byName(sim.echoUrl))).ip).toBe(exitIp)
        expect((await echoThrough('http', http, byName(sim.echoUrl), ['-p'])).ip).toBe(exitIp)
        expect((await echoThrough('socks5', socks, byName(sim.echoUrl))).ip).toBe(exitIp)
        const status = relay.status()
        expect(status.bytesDown).toBeGreaterThan(0)
        expect(status.bytesUp).toBeGreaterThan(0)
        expect(status.lastError).toBeUndefined()
      } finally {
        await relay.close()
      }
      await expectNoLeakedHandles(baseline)
    })
  }

  it('a wrong upstream password: 502 with a short text on HTTP, a SOCKS5 failure reply, and the reason kept', async () => {
    const { upstream } = simUpstream(sim, 'socks5')
    const wrong = makeUpstream('socks5', upstream.host, upstream.port, upstream.username, 'not-the-password')
    const relay = await startRelay({ upstreams: [wrong], httpPort: 0, socksPort: 0, log: () => {} })
    try {
      const http = relay.listeners.find((l) => l.kind === 'http')!.port
      const socks = relay.listeners.find((l) => l.kind === 'socks5')!.port
      const plain = await curl(['-x', `http://127.0.0.1:${http}`, '-w', '%{http_code}', '-o', '/dev/null', sim.echoUrl])
      expect(plain.stdout).toBe('502')
      const tunnel = await curl(['-x', `http://127.0.0.1:${http}`, '-p', '-v', sim.echoUrl])
      expect(tunnel.stderr).toMatch(/502/)
      const body = await curl(['-x', `http://127.0.0.1:${http}`, sim.echoUrl])
      expect(body.stdout).toMatch(/Bad Gateway: the upstream proxy refused the login or password/)
      const viaSocks = await curl(['--socks5-hostname', `127.0.0.1:${socks}`, sim.echoUrl])
      expect(viaSocks.code).toBe(97)
      expect(relay.status().lastError?.kind).toBe('upstream_auth')
      expect(JSON.stringify(relay.status())).not.toContain('not-the-password')
    } finally {
      await relay.close()
    }
  })
})
