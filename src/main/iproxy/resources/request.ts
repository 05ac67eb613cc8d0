/**
 * The one request helper every resource uses, in the style of openai-node's APIResource: a documented path
 * template with its ids, an optional body or query and the schemas they must pass, and the schema of the answer.
 *
 *   request.post('/connections/{connId}/update-settings', { ids: { connId }, body, bodySchema, schema }, options)
 *
 * In that order, before any byte is sent: each `{placeholder}` is filled with its percent-encoded id (a missing
 * or empty id throws `IproxyValidationError` naming it), then the body or query is checked against its schema
 * (throwing `IproxyValidationError` naming the field). The transport then sends it, retries where that is safe
 * and parses the answer.
 */
import type { z } from 'zod'
import type { CallOptions, Transport } from '../transport'
import { pathSegment, validateRequest } from '../validate'

export type Method = 'GET' | 'POST' | 'DELETE'

/** One call to a documented endpoint. */
export interface EndpointRequest<S extends z.ZodType> {
  /** The values of the template's `{placeholders}`. */
  ids?: Record<string, unknown>
  /** Sent as JSON once it passed `bodySchema`; without a `bodySchema` no body is sent at all. */
  body?: unknown
  bodySchema?: z.ZodType
  /** Sent on the query string once it passed `querySchema` (errors name its fields `query.<field>`). */
  query?: unknown
  querySchema?: z.ZodType<Record<string, string | undefined>, unknown>
  /** The answer's schema. */
  schema: S
}

export interface Requester {
  get<S extends z.ZodType>(template: string, request: EndpointRequest<S>, options?: CallOptions): Promise<z.output<S>>
  post<S extends z.ZodType>(template: string, request: EndpointRequest<S>, options?: CallOptions): Promise<z.output<S>>
  delete<S extends z.ZodType>(template: string, request: EndpointRequest<S>, options?: CallOptions): Promise<z.output<S>>
}

/**
 * `/connections/{connId}/proxy-access/{proxyId}` with each placeholder replaced by its percent-encoded id. A
 * missing or empty id throws `IproxyValidationError` naming it (errors quote the template, not a broken path).
 */
export function resolvePath(method: Method, template: string, ids: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const segment = pathSegment(ids[name], name, { method, path: template })
    // "." and ".." would be swallowed by URL normalisation and address another resource.
    return segment === '.' || segment === '..' ? segment.replace(/\./g, '%2E') : segment
  })
}

export function createRequester(transport: Transport): Requester {
  function send<S extends z.ZodType>(method: Method, template: string, request: EndpointRequest<S>, options?: CallOptions): Promise<z.output<S>> {
    const path = resolvePath(method, template, request.ids ?? {})
    const where = { method, path }
    const body = request.bodySchema ? { body: validateRequest(request.bodySchema, request.body, where) } : {}
    const query = request.querySchema ? { query: validateRequest(request.querySchema, request.query, where, 'query') } : {}
    return transport.send({ method, path, ...body, ...query, schema: request.schema }, options)
  }
  return {
    get: (template, request, options) => send('GET', template, request, options),
    post: (template, request, options) => send('POST', template, request, options),
    delete: (template, request, options) => send('DELETE', template, request, options),
  }
}
