/**
 * A small real HTTP server on 127.0.0.1 (random port) standing in for the iProxy Console API in the client's
 * tests, until the embedded simulator exists. Tests script its replies per route and read back exactly what
 * arrived on the wire.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export const API_PREFIX = '/api/console/v1'

export interface RecordedRequest {
  method: string
  /** Path without the `/api/console/v1` prefix and without the query string, still percent-encoded. */
  path: string
  query: URLSearchParams
  /** The request target exactly as sent. */
  rawUrl: string
  headers: IncomingHttpHeaders
  bodyText: string
  /** The body parsed as JSON, `undefined` when empty or not JSON. */
  json: unknown
  /** `performance.now()` when the request's body had arrived. */
  at: number
}

export interface FakeReply {
  status?: number
  headers?: Record<string, string>
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is (takes precedence over `json`). */
  text?: string
  /** Waits before answering. */
  delayMs?: number
  /** Destroys the socket without answering. */
  hangUp?: boolean
  /** Never answers (until the server closes). */
  hang?: boolean
}

export type FakeHandler = (req: RecordedRequest) => FakeReply | Promise<FakeReply>

export interface FakeConsoleServer {
  /** `http://127.0.0.1:<port>/api/console/v1/`, the client's baseUrl. */
  baseUrl: string
  origin: string
  /** Every request received, in order. */
  requests: RecordedRequest[]
  /** TCP connections accepted so far (keep-alive checks). */
  readonly connectionCount: number
  /**
   * Scripts `method path`: each request takes the next reply, the last one repeats. `path` is relative to the
   * API prefix (`/connections`), or absolute for other URLs (`/actionlinks/do/reboot/x`).
   */
  route(method: string, path: string, ...replies: Array<FakeReply | FakeHandler>): void
  /** Forgets routes and recorded requests. */
  reset(): void
  close(): Promise<void>
}

/** `port` 0 (the default) picks a free one. */
export async function startFakeConsoleServer({ port: wantedPort = 0 }: { port?: number } = {}): Promise<FakeConsoleServer> {
  const routes = new Map<string, { replies: Array<FakeReply | FakeHandler>; next: number }>()
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  let connectionCount = 0

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const bodyText = Buffer.concat(chunks).toString('utf8')
    const rawUrl = req.url ?? '/'
    const [pathname = '/', search = ''] = rawUrl.split('?', 2)
    const path = pathname.startsWith(`${API_PREFIX}/`) ? pathname.slice(API_PREFIX.length) : pathname
    let json: unknown
    try {
      json = bodyText === '' ? undefined : JSON.parse(bodyText)
    } catch {
      json = undefined
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET', path, query: new URLSearchParams(search), rawUrl, headers: req.headers, bodyText, json,
      at: performance.now(),
    }
    requests.push(recorded)

    const route = routes.get(`${recorded.method} ${path}`)
    let reply: FakeReply
    if (!route) {
      reply = { status: 404, json: { message: `no route for ${recorded.method} ${path}` } }
    } else {
      const step = route.replies[Math.min(route.next, route.replies.length - 1)] as FakeReply | FakeHandler
      route.next += 1
      reply = typeof step === 'function' ? await step(recorded) : step
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs))
    if (reply.hang) return
    if (reply.hangUp) {
      req.socket.destroy()
      return
    }
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json))
    const contentType = reply.text !== undefined ? 'text/plain' : 'application/json'
    res.writeHead(reply.status ?? 200, { 'content-type': contentType, ...reply.headers })
    res.end(text)
  })
  server.on('connection', (socket: Socket) => {
    connectionCount += 1
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve) => server.listen(wantedPort, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`

  return {
    baseUrl: `${origin}${API_PREFIX}/`,
    origin,
    requests,
    get connectionCount() {
      return connectionCount
    },
    route(method, path, ...replies) {
      routes.set(`${method} ${path}`, { replies, next: 0 })
    },
    reset() {
      routes.clear()
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A loopback port with nothing listening on it (connection refused). */
export async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
