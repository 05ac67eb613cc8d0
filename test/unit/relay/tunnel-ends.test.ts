/**
 * How a tunnel ends: a destination that sends a lot and closes at once still delivers every byte to a slow client,
 * and a client that half-closes after its request still gets the answer (through Dante, which passes a half-close
 * on; the simulator's proxies close both ways at the first end).
 */
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { SocksClient } from 'socks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../../src/main/demo'
import { startRelay } from '../../../src/main/relay/relay'
import { makeUpstream } from '../../../src/main/relay/upstream'
import { danteAvailability, startDante } from '../../support/dante'
import { requireSystem } from '../../support/system'
import { expectNoLeakedHandles, simUpstream, tcpHandleCount } from './support'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' })
})
afterAll(async () => {
  await sim.stop()
})

async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    onSocket(socket)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}

async function socksTunnel(relayPort: number, port: number): Promise<Socket> {
  const { socket } = await SocksClient.createConnection({ proxy: { host: '127.0.0.1', port: relayPort, type: 5 }, command: 'connect', destination: { host: '127.0.0.1', port } })
  return socket
}

describe('tunnel ends', () => {
  it('8 MB sent and closed at once reaches a client that reads slowly, byte for byte', async () => {
    const size = 8 * 1024 * 1024
    const dest = await tcpServer((socket) => socket.end(Buffer.alloc(size, 1)))
    const baseline = tcpHandleCount()
    const relay = await startRelay({ upstreams: [simUpstream(sim, 'socks5').upstream], socksPort: 0 })
    try {
      const socket = await socksTunnel(relay.listeners[0]!.port, dest.port)
      let got = 0
      await new Promise<void>((resolve, reject) => {
        // A slow reader: a pause after every chunk, so the relay still holds bytes when the destination closes.
        socket.on('data', (chunk: Buffer) => {
          got += chunk.length
          socket.pause()
          setTimeout(() => socket.resume(), 3)
        })
        socket.once('end', () => resolve())
        socket.once('error', reject)
      })
      socket.destroy()
      expect(got).toBe(size)
    } finally {
      await relay.close()
      await dest.close()
    }
    await expectNoLeakedHandles(baseline)
  })

  it('a client that half-closes after its request gets the answer', async (ctx) => {
    if (!requireSystem('dante-server', danteAvailability(), (note) => ctx.skip(note))) return
    const dante = await startDante()
    const dest = await tcpServer((socket) => {
      let asked = ''
      socket.on('data', (d: Buffer) => (asked += d.toString()))
      // Answers only once the client said it is done sending.
      socket.once('end', () => socket.end(`you said ${asked}`))
    })
    const relay = await startRelay({ upstreams: [makeUpstream('socks5', dante.host, dante.port, dante.username, dante.password)], socksPort: 0 })
    try {
      const socket = await socksTunnel(relay.listeners[0]!.port, dest.port)
      const answer = await new Promise<string>((resolve, reject) => {
        let text = ''
        socket.on('data', (d: Buffer) => (text += d.toString()))
        socket.once('end', () => resolve(text))
        socket.once('error', reject)
        socket.end('hello')
      })
      expect(answer).toBe('you said hello')
      socket.destroy()
    } finally {
      await relay.close()
      await dest.close()
      await dante.stop()
    }
  })
})
