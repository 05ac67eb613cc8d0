/**
 * What a relay refuses: listening beyond loopback without a local password, clients without that password, a port
 * already taken (said with the port), and SOCKS5 commands other than CONNECT (the standard 0x07 reply).
 */
import { createServer, connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { RelayStartError, startRelay } from '../../../src/main/relay/relay'
import { closedPort, curl, echoThrough, simUpstream } from './support'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
})
afterAll(async () => {
  await sim.stop()
})

/** Raw bytes to a port and whatever comes back until the server closes. */
function exchange(port: number, bytes: number[][]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    const got: Buffer[] = []
    let step = 0
    socket.on('connect', () => socket.write(Buffer.from(bytes[step++]!)))
    socket.on('data', (chunk) => {
      got.push(chunk)
      if (step < bytes.length) socket.write(Buffer.from(bytes[step++]!))
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(got)))
  })
}

describe('relay listener rules', () => {
  it('refuses to listen beyond loopback without a local username and password', async () => {
    const { upstream } = simUpstream(sim, 'socks5')
    const refused = await startRelay({ upstreams: [upstream], bindAddress: '0.0.0.0', httpPort: 0 }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(RelayStartError)
    expect((refused as RelayStartError).kind).toBe('bind_needs_password')
    expect((refused as Error).message).toMatch(/0\.0\.0\.0.*username and password/)
  })

  it('with a local password set, clients must give it (407 on HTTP, 0x01 on SOCKS5 login)', async () => {
    const { upstream, exitIp } = simUpstream(sim, 'socks5')
    const auth = { username: 'me', password: 'local-Secret-1' }
    const relay = await startRelay({ upstreams: [upstream], bindAddress: '0.0.0.0', auth, httpPort: 0, socksPort: 0 })
    try {
      const http = relay.listeners.find((l) => l.kind === 'http')!.port
      const socks = relay.listeners.find((l) => l.kind === 'socks5')!.port
      const noLogin = await curl(['-x', `http://127.0.0.1:${http}`, '-o', '/dev/null', '-w', '%{http_code}', sim.echoUrl])
      expect(noLogin.stdout).toBe('407')
      const noLoginTunnel = await curl(['-x', `http://127.0.0.1:${http}`, '-p', sim.echoUrl])
      expect(noLoginTunnel.stderr).toMatch(/407/)
      expect((await echoThrough('http', http, sim.echoUrl, ['-U', 'me:local-Secret-1'])).ip).toBe(exitIp)
      expect((await echoThrough('http', http, sim.echoUrl, ['-p', '-U', 'me:local-Secret-1'])).ip).toBe(exitIp)
      expect((await echoThrough('socks5', socks, sim.echoUrl, ['-U', 'me:local-Secret-1'])).ip).toBe(exitIp)
      const wrong = await curl(['--socks5-hostname', `127.0.0.1:${socks}`, '-U', 'me:nope', sim.echoUrl])
      expect(wrong.code).not.toBe(0)
      // A client offering only "no authentication" gets 0xFF (no acceptable method).
      expect([...(await exchange(socks, [[5, 1, 0]]))]).toEqual([5, 0xff])
    } finally {
      await relay.close()
    }
  })

  it('a port already taken: the error names the port', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()))
    const { port } = taken.address() as AddressInfo
    try {
      const { upstream } = simUpstream(sim, 'socks5')
      for (const ports of [{ httpPort: port }, { socksPort: port }]) {
        const err = await startRelay({ upstreams: [upstream], ...ports }).catch((e: unknown) => e)
        expect((err as RelayStartError).kind).toBe('port_in_use')
        expect((err as Error).message).toContain(`port ${port} on 127.0.0.1 is already in use`)
        // On Linux /proc tells who holds it: this very test process.
        if (process.platform === 'linux') expect((err as Error).message).toContain(`(PID ${process.pid})`)
      }
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()))
    }
  })

  it('SOCKS5: UDP ASSOCIATE and BIND get reply 0x07, an unknown address type 0x08', async () => {
    const { upstream } = simUpstream(sim, 'socks5')
    const relay = await startRelay({ upstreams: [upstream], socksPort: 0 })
    try {
      const port = relay.listeners[0]!.port
      const udp = await exchange(port, [[5, 1, 0], [5, 3, 0, 1, 0, 0, 0, 0, 0, 0]])
      expect([...udp]).toEqual([5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0])
      const bind = await exchange(port, [[5, 1, 0], [5, 2, 0, 1, 127, 0, 0, 1, 0, 80]])
      expect(bind[3]).toBe(7)
      const badType = await exchange(port, [[5, 1, 0], [5, 1, 0, 9, 0, 0, 0]])
      expect(badType[3]).toBe(8)
    } finally {
      await relay.close()
    }
  })

  it('a destination that refuses, behind a working upstream: SOCKS5 reply 0x05, HTTP 502, and the upstream stays serving', async () => {
    const { upstream } = simUpstream(sim, 'socks5')
    const relay = await startRelay({ upstreams: [upstream], socksPort: 0, httpPort: 0, log: () => {}, failover: { failuresToMarkDown: 1 } })
    try {
      const socks = relay.listeners.find((l) => l.kind === 'socks5')!.port
      const http = relay.listeners.find((l) => l.kind === 'http')!.port
      const dead = await closedPort()
      const reply = await exchange(socks, [[5, 1, 0], [5, 1, 0, 1, 127, 0, 0, 1, dead >> 8, dead & 0xff]])
      expect([...reply.subarray(0, 4)]).toEqual([5, 0, 5, 5])
      const viaHttp = await curl(['-x', `http://127.0.0.1:${http}`, '-w', '%{http_code}', '-o', '/dev/null', `http://127.0.0.1:${dead}/`])
      expect(viaHttp.stdout).toBe('502')
      expect(relay.status().lastError?.kind).toBe('target_refused')
      // The destination's fault is not the upstream's: it is not marked down.
      expect(relay.status().upstreams[0]!.healthy).toBe(true)
    } finally {
      await relay.close()
    }
  })
})
