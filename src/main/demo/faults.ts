/**
 * Fault injection for the simulator's node:http server, so the app's retries, timeouts and error screens can be
 * exercised against real wire behaviour: added latency, error statuses (429 with Retry-After, 5xx), connection
 * resets, malformed JSON, stalled bodies, and answers of the test's own. Rules match a path (glob or RegExp, on
 * the path after the API root) and optionally a method; `times` limits how often a rule fires. The first matching
 * rule wins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { driftAnswer, type DriftChange } from './drift-fault'

export type FaultStatus = 429 | 500 | 502 | 503

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: FaultStatus; retryAfterSeconds?: number; code?: string; message?: string }
  | { kind: 'reset' }
  | { kind: 'malformed-json' }
  /** Headers and the first part of a body are sent; the rest never comes. */
  | { kind: 'stall'; partialBody?: string }
  /** A well-formed answer the simulator would not give (e.g. an .ovpn config that runs a script): 200 and this JSON. */
  | { kind: 'json'; body: unknown }
  /** The real answer with fields added, removed or retyped (drift-fault.ts), for the API drift report. */
  | { kind: 'drift'; changes: readonly DriftChange[] }

export interface FaultRule {
  /** Glob (`*` one segment, `**` any depth, `?` one character) or a RegExp tested on the path without query. */
  path: string | RegExp
  method?: string
  /** Apply only this many times, then the rule is dropped; unlimited when absent. */
  times?: number
  fault: Fault
}

export type FaultOutcome = 'handled' | 'continue'

/** Responses left open on purpose (stalls) and pending delays, so a closing server can end them. */
export interface FaultTracker {
  /** Destroys stalled responses and ends pending delays (their requests are dropped). */
  releaseAll(): void
  pendingCount(): number
  add(release: () => void): () => void
}

export interface Faults {
  set(rules: FaultRule[]): void
  add(rule: FaultRule): void
  clear(): void
  /** The fault of the first rule that matches, counting one use of it. */
  match(method: string, path: string): Fault | undefined
  /** Current rules with their remaining `times`. */
  rules(): readonly FaultRule[]
  /** `applyFault` with this instance's tracker. */
  apply(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<FaultOutcome>
  /** Call when the server closes: stalled responses would otherwise keep it open forever. */
  releaseAll(): void
  pendingCount(): number
}

const DEFAULT_CODES: Record<FaultStatus, string> = {
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
}

const DEFAULT_MESSAGES: Record<FaultStatus, string> = {
  429: 'Too many requests (injected fault)',
  500: 'Internal server error (injected fault)',
  502: 'Bad gateway (injected fault)',
  503: 'Service unavailable (injected fault)',
}

export const MALFORMED_JSON_BODY = '{"connections": [{"id": "malformed", "name": '
const STALL_BODY = '{"connections": [{"id": "stalled", "name": "this body never finishes"}]}'

interface CompiledRule {
  rule: FaultRule
  pattern: RegExp
  remaining: number | undefined
}

export function globToRegExp(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string
    if (ch === '*' && glob[i + 1] === '*') {
      source += '.*'
      i++
    } else if (ch === '*') {
      source += '[^/]*'
    } else if (ch === '?') {
      source += '[^/]'
    } else {
      source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')
    }
  }
  return new RegExp(`^${source}$`)
}

function normalizePath(path: string): string {
  const bare = path.split('?')[0] ?? ''
  return bare.startsWith('/') ? bare : `/${bare}`
}

function compile(rule: FaultRule): CompiledRule {
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
    throw new RangeError('fault rule: times must be a positive integer')
  }
  const pattern =
    typeof rule.path === 'string'
      ? globToRegExp(rule.path.startsWith('/') ? rule.path : `/${rule.path}`)
      : new RegExp(rule.path.source, rule.path.flags.replace(/[gy]/g, ''))
  return { rule, pattern, remaining: rule.times }
}

export function createFaultTracker(): FaultTracker {
  const pending = new Set<() => void>()
  return {
    add(release) {
      pending.add(release)
      return () => pending.delete(release)
    },
    releaseAll() {
      const all = [...pending]
      pending.clear()
      for (const release of all) release()
    },
    pendingCount: () => pending.size,
  }
}

export function createFaults(initial: FaultRule[] = []): Faults {
  let compiled = initial.map(compile)
  const tracker = createFaultTracker()
  return {
    set(rules) {
      compiled = rules.map(compile)
    },
    add(rule) {
      compiled.push(compile(rule))
    },
    clear() {
      compiled = []
    },
    match(method, path) {
      const p = normalizePath(path)
      const m = method.toUpperCase()
      const hit = compiled.find((c) => (!c.rule.method || c.rule.method.toUpperCase() === m) && c.pattern.test(p))
      if (!hit) return undefined
      if (hit.remaining !== undefined) {
        hit.remaining -= 1
        if (hit.remaining <= 0) compiled = compiled.filter((c) => c !== hit)
      }
      return hit.rule.fault
    },
    rules: () => compiled.map((c) => ({ ...c.rule, ...(c.remaining === undefined ? {} : { times: c.remaining }) })),
    apply: (fault, req, res) => applyFault(fault, req, res, tracker),
    releaseAll: () => tracker.releaseAll(),
    pendingCount: () => tracker.pendingCount(),
  }
}

function sendError(res: ServerResponse, fault: Extract<Fault, { kind: 'status' }>): void {
  const body = JSON.stringify({
    error: { code: fault.code ?? DEFAULT_CODES[fault.status], message: fault.message ?? DEFAULT_MESSAGES[fault.status] },
  })
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  }
  const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined)
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter)
  res.writeHead(fault.status, headers)
  res.end(body)
}

/**
 * Carries out one fault. 'continue' (latency only): the caller serves the request normally afterwards.
 * 'handled': the response is done with (answered, reset, or deliberately left stalled).
 */
export async function applyFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  tracker?: FaultTracker,
): Promise<FaultOutcome> {
  switch (fault.kind) {
    case 'latency':
      return delay(fault.ms, res, tracker)
    case 'status':
      sendError(res, fault)
      return 'handled'
    case 'reset': {
      const socket = req.socket
      // An RST rather than a FIN, where the runtime can send one, is what a dropped mobile link looks like.
      if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
      else socket.destroy()
      return 'handled'
    }
    case 'malformed-json':
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(MALFORMED_JSON_BODY),
      })
      res.end(MALFORMED_JSON_BODY)
      return 'handled'
    case 'drift':
      return driftAnswer(res, fault.changes)
    case 'json': {
      const body = JSON.stringify(fault.body)
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
      res.end(body)
      return 'handled'
    }
    case 'stall': {
      const full = STALL_BODY
      const partial = fault.partialBody ?? full.slice(0, Math.floor(full.length / 2))
      // The declared length promises more than ever arrives, so the client waits for the rest.
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(partial) + Buffer.byteLength(full),
      })
      res.write(partial)
      const untrack = tracker?.add(() => res.destroy())
      res.once('close', () => untrack?.())
      return 'handled'
    }
  }
}

function delay(ms: number, res: ServerResponse, tracker: FaultTracker | undefined): Promise<FaultOutcome> {
  return new Promise((resolve) => {
    const finish = (outcome: FaultOutcome) => {
      clearTimeout(timer)
      res.off('close', onClose)
      untrack?.()
      resolve(outcome)
    }
    const onClose = () => finish('handled')
    const timer = setTimeout(() => finish('continue'), ms)
    // The client gave up while we waited: nothing is left to serve.
    res.once('close', onClose)
    const untrack = tracker?.add(() => {
      finish('handled')
      res.destroy()
    })
  })
}
