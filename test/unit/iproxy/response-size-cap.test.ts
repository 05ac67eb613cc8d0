/**
 * The client reads at most `maxResponseBytes` of an answer (50 MB by default): an endless or huge answer fails
 * fast with a typed error naming the cap, the connection is closed, and the request is not repeated.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createIproxyClient, DEFAULT_MAX_RESPONSE_BYTES, IproxyResponseTooLargeError } from '../../../src/main/iproxy'

interface Endless {
  baseUrl: string
  requests: number
  /** Bytes the server managed to write before the client hung up. */
  sent: number
  closed: Promise<void>
  server: Server
}

let running: Server | undefined
afterEach(async () => {
  const server = running
  running = undefined
  if (!server) return
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** A server whose every answer is a 200 that never ends (or, with `declared`, that says how long it will be). */
async function endlessServer(declared?: number): Promise<Endless> {
  let markClosed: () => void = () => {}
  const state: Endless = { baseUrl: '', requests: 0, sent: 0, closed: new Promise((r) => (markClosed = r)), server: undefined as never }
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  state.server = running = createServer((req, res) => {
    state.requests += 1
    res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(declared) } : {}) })
    res.write('[')
    const pump = () => {
      while (!res.destroyed && state.sent < 500_000_000) {
        state.sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
    }
    res.on('close', markClosed)
    pump()
  })
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve))
  state.baseUrl = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/api/console/v1/`
  return state
}

describe('the answer size cap', () => {
  it('is 50 MB unless the client is told otherwise', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(50_000_000)
  })

  it('stops reading an endless answer past the cap, with a typed error that names it', async () => {
    const server = await endlessServer()
    const client = createIproxyClient({ apiKey: 'cap-key-abcdef', baseUrl: server.baseUrl, maxResponseBytes: 2_000_000, retryBaseDelayMs: 0 })
    try {
      const started = performance.now()
      const err = await client.connections.list().then(() => undefined, (e: unknown) => e)
      expect(err).toBeInstanceOf(IproxyResponseTooLargeError)
      expect(err).toMatchObject({ code: 'response_too_large', maxBytes: 2_000_000 })
      expect((err as Error).message).toMatch(/^iProxy's answer to GET \/connections was larger than 2 MB, the most this app reads/)
      await server.closed
      expect(performance.now() - started).toBeLessThan(5_000)
      // Not repeated, and not read on: the server was cut off long before its 500 MB.
      expect(server.requests).toBe(1)
      expect(server.sent).toBeLessThan(50_000_000)
    } finally {
      await client.close()
    }
  })

  it('refuses an answer whose declared length is past the cap without reading it', async () => {
    const server = await endlessServer(10_000_000)
    const client = createIproxyClient({ apiKey: 'cap-key-abcdef', baseUrl: server.baseUrl, maxResponseBytes: 1_000_000 })
    try {
      await expect(client.connections.list()).rejects.toThrow(/larger than 1 MB/)
      await server.closed
    } finally {
      await client.close()
    }
  })

  it('reads an answer exactly at the cap', async () => {
    const body = JSON.stringify({ connections: [] })
    running = createServer((_req, res) => res.end(body))
    await new Promise<void>((resolve) => running?.listen(0, '127.0.0.1', resolve))
    const client = createIproxyClient({
      apiKey: 'cap-key-abcdef',
      baseUrl: `http://127.0.0.1:${(running.address() as AddressInfo).port}/api/console/v1/`,
      maxResponseBytes: Buffer.byteLength(body),
    })
    try {
      await expect(client.connections.list()).resolves.toEqual([])
    } finally {
      await client.close()
    }
  })
})
