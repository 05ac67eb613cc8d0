/**
 * The simulator's control surface, for tests, the demo and anyone poking with curl: on the simulator's own
 * origin under `/_control` (not under the API path, and no API key), answered only to loopback peers.
 *
 *   POST /_control/connections/{id}/status  {"status":"offline"|"online"}  holds the phone in that state (its
 *                                           connections-status answer, its proxies' exit) until told otherwise;
 *                                           {"status":"release"} lets it go back to what it was
 *   POST /_control/api  {"down":true}       every API call answers 503 until {"down":false}
 *   POST /_control/api  {"rateLimitSeconds":N}  every API call answers 429 with Retry-After: N until N is 0
 *   GET  /_control/requests                 API requests received so far: {"total":N,"byPath":{"/connections-status":N}}
 *   GET  /_control                          the state of the above, and every phone's id, name and status
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { errorBody, readBody, sendJson } from './http-json'
import { getConnection, holdStatus, releaseStatus } from './state/connections'
import type { SimState } from './state/store'
import { ApiError, decodeSegment } from './routes/router'

export const CONTROL_ROOT = '/_control'

export interface SimControl {
  /** Every API call answers 503 while true. */
  apiDown: boolean
  /** Every API call answers 429 with this Retry-After while above 0. */
  rateLimitSeconds: number
  /** Counts one API request (called for every request under the API path, whatever its answer). */
  countApiRequest(path: string): void
  /** API requests received, in all or to one API-relative path. */
  apiRequestCount(path?: string): number
  /** Every count, by API-relative path. */
  apiRequests(): { total: number; byPath: Record<string, number> }
  /** What the API answers instead of serving the request, while it is down or limited. */
  apiOverride(): { status: number; body: unknown; headers: Record<string, string> } | undefined
}

export function createControl(): SimControl {
  const byPath = new Map<string, number>()
  let total = 0
  const control: SimControl = {
    apiDown: false,
    rateLimitSeconds: 0,
    countApiRequest(path) {
      total++
      byPath.set(path, (byPath.get(path) ?? 0) + 1)
    },
    apiRequestCount: (path) => (path === undefined ? total : (byPath.get(path) ?? 0)),
    apiRequests: () => ({ total, byPath: Object.fromEntries(byPath) }),
    apiOverride() {
      const noHeaders: Record<string, string> = {}
      if (control.apiDown) return { status: 503, body: errorBody('service_unavailable', 'the API is down (held by the control surface)'), headers: noHeaders }
      if (control.rateLimitSeconds > 0) {
        return {
          status: 429,
          body: errorBody('rate_limited', 'too many requests (held by the control surface)'),
          headers: { 'retry-after': String(control.rateLimitSeconds) },
        }
      }
      return undefined
    },
  }
  return control
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const bare = address.startsWith('::ffff:') ? address.slice(7) : address
  return bare === '::1' || /^127\./.test(bare)
}

const statusBody = z.strictObject({ status: z.enum(['offline', 'online', 'release']) })
const bulkStatusBody = z.strictObject({ status: z.enum(['offline', 'online', 'release']), ids: z.array(z.string().min(1)).max(100_000).optional() })
const apiBody = z.strictObject({ down: z.boolean().optional(), rateLimitSeconds: z.number().int().min(0).max(86_400).optional() })
const STATUS_PATH = /^\/connections\/([^/]+)\/status\/?$/

function parse<T>(schema: z.ZodType<T>, text: string): T {
  let json: unknown
  try {
    json = text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON', '(body)')
  }
  const result = schema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new ApiError(400, 'validation_failed', `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'is invalid'}`)
  }
  return result.data
}

function snapshot(state: SimState, control: SimControl) {
  const all = [...state.connections.values()]
  const held = all.filter((c) => c.held).map((c) => ({ id: c.id, name: c.name, status: c.status }))
  const connections = all.map((c) => ({ id: c.id, name: c.name, status: c.status, held: c.held !== undefined }))
  return { apiDown: control.apiDown, rateLimitSeconds: control.rateLimitSeconds, held, connections }
}

/** Answers one request under CONTROL_ROOT (`path` is relative to it). */
export async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, state: SimState, control: SimControl): Promise<void> {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    sendJson(res, 403, errorBody('forbidden', 'the control surface answers loopback clients only'))
    return
  }
  try {
    const method = req.method ?? 'GET'
    const status = STATUS_PATH.exec(path)
    if (method === 'GET' && (path === '' || path === '/')) {
      sendJson(res, 200, snapshot(state, control))
    } else if (method === 'GET' && path === '/requests') {
      sendJson(res, 200, control.apiRequests())
    } else if (method === 'POST' && path === '/api') {
      const body = parse(apiBody, await readBody(req))
      if (body.down !== undefined) control.apiDown = body.down
      if (body.rateLimitSeconds !== undefined) control.rateLimitSeconds = body.rateLimitSeconds
      sendJson(res, 200, snapshot(state, control))
    } else if (method === 'POST' && path === '/connections/status') {
      const body = parse(bulkStatusBody, await readBody(req))
      const phones = body.ids ? body.ids.map((id) => getConnection(state, id)) : [...state.connections.values()]
      for (const conn of phones) {
        if (body.status === 'release') releaseStatus(state, conn)
        else holdStatus(state, conn, body.status)
      }
      sendJson(res, 200, { count: phones.length, status: body.status })
    } else if (method === 'POST' && status) {
      const conn = getConnection(state, decodeSegment(status[1] ?? ''))
      const body = parse(statusBody, await readBody(req))
      if (body.status === 'release') releaseStatus(state, conn)
      else holdStatus(state, conn, body.status)
      sendJson(res, 200, { id: conn.id, name: conn.name, status: conn.status, held: conn.held !== undefined })
    } else {
      throw new ApiError(404, 'not_found', `no control endpoint ${method} ${CONTROL_ROOT}${path} (see npm run simulator -- --help)`)
    }
  } catch (err) {
    if (err instanceof ApiError) sendJson(res, err.status, errorBody(err.code, err.message, err.field))
    else sendJson(res, 500, errorBody('internal_error', err instanceof Error ? err.message : String(err)))
  }
}
