/**
 * The small plumbing every resource shares: filling `{placeholders}` in a documented path with encoded ids, and
 * checking a body against its schema before sending it.
 */
import type { z } from 'zod'
import { pathSegment, validateRequest } from '../validate'

export type Method = 'GET' | 'POST' | 'DELETE'

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

/** Validates a request body (or query, with `prefix` naming the argument) before any network I/O. */
export function checked<S extends z.ZodType>(schema: S, value: unknown, method: Method, template: string, prefix?: string): z.output<S> {
  return validateRequest(schema, value, { method, path: template }, prefix)
}
