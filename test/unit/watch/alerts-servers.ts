/**
 * Local HTTP servers on loopback for the alert tests: a webhook receiver and a fake Telegram Bot API, each
 * recording what it received and answering as the test scripts it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
  /** What the server answered (status), so a test can tell accepted deliveries from failed attempts. */
  status: number
  at: number
}

export type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang'

export interface TestServer {
  url: string
  port: number
  received: Received[]
  /** Accepted deliveries only (2xx). */
  accepted(): Received[]
  answer: (req: Received) => Answer
  /** Stops listening and drops open connections: later requests are refused. */
  stop(): Promise<void>
  /** Listens again on the same port. */
  restart(): Promise<void>
  close(): Promise<void>
}

export async function startTestServer(answer: (req: Received) => Answer = () => ({ status: 200, body: { ok: true } })): Promise<TestServer> {
  let server: Server
  const hanging: ServerResponse[] = []
  const state: TestServer = {
    url: '',
    port: 0,
    received: [],
    accepted: () => state.received.filter((r) => r.status >= 200 && r.status < 300),
    answer,
    stop: async () => {
      for (const res of hanging.splice(0)) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    restart: () => listen(state.port),
    close: async () => {
      if (server.listening) await state.stop()
    },
  }

  function listen(port: number): Promise<void> {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        let body: Record<string, unknown> = {}
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
        } catch {
          // Not JSON: recorded as an empty object; the tests send JSON only.
        }
        const record: Received = { path: req.url ?? '', headers: req.headers, body, status: 0, at: Date.now() }
        const reply = state.answer(record)
        state.received.push(record)
        if (reply === 'hang') {
          hanging.push(res)
          return
        }
        record.status = reply.status
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        res.end(JSON.stringify(reply.body ?? {}))
      })
    })
    return new Promise((resolve) =>
      server.listen(port, '127.0.0.1', () => {
        state.port = (server.address() as AddressInfo).port
        state.url = `http://127.0.0.1:${state.port}`
        resolve()
      }),
    )
  }

  await listen(0)
  return state
}

/** A loopback port nothing listens on (a server was there a moment ago): connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = await startTestServer()
  const port = server.port
  await server.close()
  return port
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function waitFor(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
