/**
 * `startSimulator()`: the iProxy Console API on loopback, stateful, with real proxies behind every proxy access.
 *
 * One node:http server answers three things: the API under `/api/console/v1` (Bearer key required), action
 * links under `/actionlinks/do/{action}/{id}` (no key, as documented), the IP-echo endpoint `/echo` that the
 * proxies exit to, and the control surface under `/_control` (control.ts: hold a phone offline, take the API down).
 * Faults (latency, error statuses, resets, malformed JSON, stalls) are applied before routing.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { handleEcho, type EchoDeps } from './echo-server'
import { CONTROL_ROOT, createControl, handleControl, type SimControl } from './control'
import { createFaults, type FaultRule, type Faults } from './faults'
import { DEMO_OUTAGES, startDemoOutages, type DemoOutages } from './demo-outages'
import { demoAccount, emptyAccount, seedDemo, seedScale, type ScaleOptions } from './demo-data'
import { BodyTooLargeError, errorBody, readBody, sendJson } from './http-json'
import { createProxyListenerPool, InvalidAccessError, type ProxyListenerPool } from './proxy-listeners'
import { API_ROUTES } from './routes'
import { ApiError, compileRoutes, decodeSegment, type RouteResult } from './routes/router'
import { DEFAULT_TIMING, type SimRuntime, type SimTiming } from './runtime'
import { newApiKey } from './state/account'
import { executeActionLink } from './state/action-links'
import { exitOf } from './state/connections'
import { bindProxy } from './state/proxies'
import { createState, type SimState } from './state/store'
import { createScheduler } from './timers'

export const API_ROOT = '/api/console/v1'
const ECHO_PATH = '/echo'
const ACTION_LINK_RE = /^\/actionlinks\/do\/([^/]+)\/([^/]+)\/?$/

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
  /** 'demo' (default): the 12-phone demo account. 'empty': an account with nothing in it. */
  seed?: 'demo' | 'empty'
  /** The key the API accepts; a random one when absent. */
  apiKey?: string
  faults?: FaultRule[]
  /** A large generated account instead of the demo's 12 phones (benchmarks). */
  scale?: ScaleOptions
  /** In scale mode, open a real listener for every generated access (off by default: 20 000 sockets). */
  bindListeners?: boolean
  timing?: Partial<SimTiming>
  now?: () => number
  /**
   * The demo's unreliable phone (demo-outages.ts): true for the default rhythm, or a rhythm of the caller's.
   * Off unless asked (the app's demo mode and `npm run simulator` ask), so tests see a steady account.
   */
  demoOutages?: boolean | Partial<DemoOutages>
}

export interface Simulator {
  /** `http://127.0.0.1:PORT/api/console/v1`: `${baseUrl}/me` is the user-info endpoint. */
  readonly baseUrl: string
  /** The key that works now (it changes when the API key is rotated through the API). */
  readonly apiKey: string
  /** `http://127.0.0.1:PORT/echo` */
  readonly echoUrl: string
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  readonly state: SimState
  readonly faults: Faults
  /** The control surface's state (control.ts): API down, rate limited, API requests counted. */
  readonly control: SimControl
  readonly listeners: ProxyListenerPool
  /** Opens real listeners for the given accesses (all unbound ones when omitted). */
  bindListeners(proxyIds?: readonly string[]): Promise<void>
  /** Open client sockets on the API server (proxy listeners count their own). */
  openSocketCount(): number
  /** Closes the server, every proxy listener and socket, and cancels every timer. */
  stop(): Promise<void>
}

const matchRoute = compileRoutes(API_ROUTES)

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON', '(body)')
  }
}

function bearerKey(req: IncomingMessage): string | undefined {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return m?.[1]
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1'
  const apiKey = options.apiKey ?? newApiKey()
  const seed = options.seed ?? 'demo'
  const state = createState(seed === 'empty' && !options.scale ? emptyAccount(apiKey) : demoAccount(apiKey), options.now ?? Date.now)
  if (options.scale) seedScale(state, options.scale)
  else if (seed === 'demo') seedDemo(state)

  const faults = createFaults(options.faults ?? [])
  const control = createControl()
  const listeners = createProxyListenerPool({ host, connectTimeoutMs: 5_000 })
  const scheduler = createScheduler()
  const sockets = new Set<Socket>()
  let origin = ''

  const sim: SimRuntime = {
    state,
    listeners,
    scheduler,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    origin: () => origin,
    proxyHost: host,
  }
  const echoDeps: EchoDeps = { registry: listeners.registry, lookupExit: (id: string) => exitOf(state.connections.get(id)) }

  async function answerApi(req: IncomingMessage, path: string, query: URLSearchParams): Promise<RouteResult> {
    const key = bearerKey(req)
    if (key === undefined) throw new ApiError(401, 'unauthorized', 'missing API key: send Authorization: Bearer <api key>')
    if (key !== state.account.apiKey) throw new ApiError(401, 'unauthorized', 'invalid API key')
    const match = matchRoute(req.method ?? 'GET', path)
    if (match.kind === 'none') throw new ApiError(404, 'not_found', `no endpoint ${path}`)
    if (match.kind === 'method_not_allowed') {
      throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`, undefined, { allow: match.allow.join(', ') })
    }
    const body = parseJson(await readBody(req))
    return match.route.handler({ params: match.params, query, body }, sim)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid')
    const path = url.pathname
    if (path === CONTROL_ROOT || path.startsWith(`${CONTROL_ROOT}/`)) return handleControl(req, res, path.slice(CONTROL_ROOT.length), state, control)
    const isApi = path === API_ROOT || path.startsWith(`${API_ROOT}/`)
    if (isApi) {
      control.countApiRequest(path.slice(API_ROOT.length) || '/')
      const held = control.apiOverride()
      if (held) return sendJson(res, held.status, held.body, held.headers)
    }
    // Fault rules are written against the API-relative path (`/connections/*`); other paths match as they are.
    const fault = faults.match(req.method ?? 'GET', isApi ? path.slice(API_ROOT.length) || '/' : path)
    if (fault && (await faults.apply(fault, req, res)) === 'handled') return

    if (path === ECHO_PATH) return handleEcho(req, res, echoDeps)
    try {
      let result: RouteResult
      const link = ACTION_LINK_RE.exec(path)
      if (isApi) {
        result = await answerApi(req, path.slice(API_ROOT.length) || '/', url.searchParams)
      } else if (link && req.method === 'GET') {
        // GET only: a HEAD from a link preview must not reboot anyone's phone.
        result = { status: 200, body: executeActionLink(sim, decodeSegment(link[1] ?? ''), decodeSegment(link[2] ?? '')) }
      } else {
        throw new ApiError(404, 'not_found', `no endpoint ${path}`)
      }
      sendJson(res, result.status, result.body)
    } catch (err) {
      if (err instanceof ApiError) {
        sendJson(res, err.status, errorBody(err.code, err.message, err.field), err.headers)
      } else if (err instanceof InvalidAccessError) {
        // The listener refused the access (e.g. a login too long for SOCKS5): a request the proxy cannot serve.
        sendJson(res, 400, errorBody('validation_failed', err.message, 'auth'))
      } else if (err instanceof BodyTooLargeError) {
        sendJson(res, 413, errorBody('body_too_large', err.message), { connection: 'close' })
      } else {
        console.error('[simulator] unexpected error', err)
        if (!res.headersSent) sendJson(res, 500, errorBody('internal_error', 'the simulator failed to handle this request'))
        else res.destroy()
      }
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  server.on('clientError', (_err, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  echoDeps.localPort = port
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  async function bindListeners(proxyIds?: readonly string[]): Promise<void> {
    const chosen = proxyIds ? proxyIds.map((id) => state.proxies.get(id)) : [...state.proxies.values()]
    await Promise.all(chosen.filter((p) => p !== undefined && !p.bound).map((p) => bindProxy(sim, p as NonNullable<typeof p>)))
  }

  let stopping: Promise<void> | undefined
  async function stop(): Promise<void> {
    scheduler.clearAll()
    faults.releaseAll()
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeAllConnections()
    for (const socket of sockets) socket.destroy()
    await Promise.all([closed, listeners.closeAll()])
  }

  try {
    if (!options.scale || options.bindListeners) await bindListeners()
  } catch (err) {
    await stop()
    throw err
  }
  if (options.demoOutages) startDemoOutages(sim, { ...DEMO_OUTAGES, ...(options.demoOutages === true ? {} : options.demoOutages) })

  return {
    baseUrl: `${origin}${API_ROOT}`,
    get apiKey() {
      return state.account.apiKey
    },
    echoUrl: `${origin}/echo`,
    origin,
    state,
    faults,
    control,
    listeners,
    bindListeners,
    openSocketCount: () => sockets.size,
    stop: () => (stopping ??= stop()),
  }
}
