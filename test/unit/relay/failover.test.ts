/**
 * A failover group: one local port in front of two simulator proxies (different phones, different exit IPs).
 * New tunnels follow the first healthy upstream; tunnels already open stay where they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Socket } from 'node:net'
import { SocksClient } from 'socks'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { startRelay } from '../../../src/main/relay/relay'
import { echoThrough, simUpstream } from './support'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
})
afterAll(async () => {
  await sim.stop()
})

/** One `GET /echo` on an open tunnel (HTTP/1.1 keep-alive): the exit IP the echo saw. */
async function echoOn(socket: Socket, host: string): Promise<string> {
  socket.write(`GET /echo HTTP/1.1\r\nHost: ${host}\r\n\r\n`)
  // Read with a listener (an async iterator would destroy the socket when left): the tunnel must stay open.
  const text = await new Promise<string>((resolve, reject) => {
    let got = ''
    const onData = (chunk: Buffer) => {
      got += chunk.toString('utf8')
      const head = got.indexOf('\r\n\r\n')
      const length = /content-length:\s*(\d+)/i.exec(got)
      if (head >= 0 && length && got.length >= head + 4 + Number(length[1])) {
        socket.removeListener('data', onData)
        resolve(got)
      }
    }
    socket.on('data', onData)
    socket.once('close', () => reject(new Error(`the tunnel closed; read: ${got}`)))
  })
  return (JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { ip: string }).ip
}

describe('failover group', () => {
  it('its first upstream stopped mid-test: new connections go to the second, the switch is recorded', async () => {
    const first = simUpstream(sim, 'socks5', 0)
    const second = simUpstream(sim, 'socks5', 1)
    expect(first.exitIp).not.toBe(second.exitIp)
    const switches: string[] = []
    const relay = await startRelay({
      upstreams: [first.upstream, second.upstream],
      httpPort: 0,
      socksPort: 0,
      failover: { failuresToMarkDown: 2, downForMs: 60_000 },
      onSwitch: (s) => switches.push(`${s.from} -> ${s.to}`),
    })
    try {
      const http = relay.listeners.find((l) => l.kind === 'http')!.port
      const socks = relay.listeners.find((l) => l.kind === 'socks5')!.port
      expect((await echoThrough('socks5', socks, sim.echoUrl)).ip).toBe(first.exitIp)
      expect(relay.status().activeUpstream).toBe(0)

      await sim.listeners.close(first.proxyId)
      // Each new connection still succeeds: the refused first upstream is retried on the second at once.
      expect((await echoThrough('socks5', socks, sim.echoUrl)).ip).toBe(second.exitIp)
      expect((await echoThrough('http', http, sim.echoUrl, ['-p'])).ip).toBe(second.exitIp)
      expect((await echoThrough('http', http, sim.echoUrl)).ip).toBe(second.exitIp)
      const status = relay.status()
      expect(status.activeUpstream).toBe(1)
      expect(status.upstreams[0]!.healthy).toBe(false)
      expect(status.switches[0]).toMatchObject({ from: first.upstream.label, to: second.upstream.label })
      expect(status.switches[0]!.reason).toMatch(/2 connect failures in a row/)
      expect(switches).toEqual([`${first.upstream.label} -> ${second.upstream.label}`])
      expect(JSON.stringify(status)).not.toContain(first.upstream.password!)
    } finally {
      await relay.close()
    }
  })

  it('a switch does not cut a tunnel already open through the old upstream', async () => {
    const first = simUpstream(sim, 'socks5', 2)
    const second = simUpstream(sim, 'http', 0)
    const relay = await startRelay({ upstreams: [first.upstream, second.upstream], socksPort: 0 })
    try {
      const port = relay.listeners[0]!.port
      const echo = new URL(sim.echoUrl)
      const { socket } = await SocksClient.createConnection({
        proxy: { host: '127.0.0.1', port, type: 5 },
        command: 'connect',
        destination: { host: echo.hostname, port: Number(echo.port) },
      })
      try {
        expect(await echoOn(socket, echo.host)).toBe(first.exitIp)
        relay.pool.markDown(0, 'the watch engine saw the phone offline')
        expect(relay.status().activeUpstream).toBe(1)
        expect(relay.status().switches[0]!.reason).toBe('the watch engine saw the phone offline')
        expect((await echoThrough('socks5', port, sim.echoUrl)).ip).toBe(second.exitIp)
        // The tunnel opened before the switch still goes through the first phone.
        expect(await echoOn(socket, echo.host)).toBe(first.exitIp)
        expect(relay.status().openTunnels).toBe(1)
        relay.pool.markUp(0)
        expect(relay.status().activeUpstream).toBe(0)
        expect(relay.status().switches[0]!.reason).toBe('a preferred upstream is back')
      } finally {
        socket.destroy()
      }
    } finally {
      await relay.close()
    }
  })
})
