/**
 * A route table: method + path pattern (`/connections/:connId/proxy-access`) + handler. Handlers return
 * `{ status, body }` or throw ApiError; the server turns either into JSON.
 */
import type { z } from 'zod'
import type { SimRuntime } from '../runtime'

export type Method = 'GET' | 'POST' | 'DELETE'

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, 'not_found', `${what} ${id} not found`)
}

export interface RouteRequest {
  params: Record<string, string>
  query: URLSearchParams
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown
}

export interface RouteResult {
  status: number
  body: unknown
}

export type Handler = (req: RouteRequest, sim: SimRuntime) => RouteResult | Promise<RouteResult>

export interface Route {
  method: Method
  pattern: string
  handler: Handler
}

export const ok = (body: unknown): RouteResult => ({ status: 200, body })
export const created = (body: unknown): RouteResult => ({ status: 201, body })

/** A path segment decoded; a broken %-escape is the client's mistake (400), not a crash. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new ApiError(400, 'invalid_path', `"${segment}" is not a valid percent-encoded path segment`)
  }
}

interface CompiledRoute extends Route {
  regex: RegExp
  names: string[]
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'none' }

export function compileRoutes(routes: readonly Route[]): (method: string, path: string) => RouteMatch {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = []
    const source = route.pattern.replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name)
      return '([^/]+)'
    })
    return { ...route, regex: new RegExp(`^${source}/?$`), names }
  })
  return (method, path) => {
    const allow: string[] = []
    for (const route of compiled) {
      const m = route.regex.exec(path)
      if (!m) continue
      if (route.method !== method) {
        allow.push(route.method)
        continue
      }
      const params: Record<string, string> = {}
      route.names.forEach((name, i) => {
        params[name] = decodeSegment(m[i + 1] ?? '')
      })
      return { kind: 'found', route, params }
    }
    return allow.length > 0 ? { kind: 'method_not_allowed', allow } : { kind: 'none' }
  }
}

/** Field names the way the client names them: dotted paths, unknown keys by their own name. */
function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]
  if (!issue) return { field: '(body)', message: 'is invalid' }
  const base = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') {
    return { field: [...base, issue.keys[0] ?? ''].join('.'), message: 'is not a field this request accepts' }
  }
  if (base.length === 0) return { field: '(body)', message: issue.message }
  return { field: base.join('.'), message: issue.message }
}

/** Parses `value` with the shared request schema (the client's own rules) or throws a 400 naming the field. */
export function validated<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const { field, message } = firstIssue(result.error)
  const text = field === '(body)' ? `request body ${message}` : `${field} ${message}`
  throw new ApiError(400, 'validation_failed', text, field)
}
