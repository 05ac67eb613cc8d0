/**
 * Zod at the client's two borders: requests are checked before any byte is sent, answers before anyone uses them.
 * Both name the field at fault, so the user (or the bug report) points at the right place.
 */
import type { z } from 'zod'
import { IproxyResponseError, IproxyValidationError, type IproxyIssue } from './api-errors'

interface Where {
  method: string
  path: string
}

/** Flattens zod issues to `{ field, message }`, naming unknown keys by their own name. */
export function issuesOf(error: z.ZodError, root = '(body)'): IproxyIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String)
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...base, key].join('.'),
        message: 'is not a field this request accepts',
      }))
    }
    return [{ field: base.length > 0 ? base.join('.') : root, message: issue.message }]
  })
}

function summary(issues: IproxyIssue[]): string {
  const [first] = issues
  if (!first) return 'invalid value'
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''
  return `${first.field}: ${first.message}${more}`
}

function prefixed(issues: IproxyIssue[], prefix: string | undefined): IproxyIssue[] {
  if (!prefix) return issues
  return issues.map((i) => ({ ...i, field: i.field === '(body)' ? prefix : `${prefix}.${i.field}` }))
}

/**
 * Parses a request body or query with its schema, or throws `IproxyValidationError` (status 0,
 * code `invalid_request`) naming the field and the rule. `prefix` names the argument for non-body inputs.
 */
export function validateRequest<S extends z.ZodType>(schema: S, value: unknown, where: Where, prefix?: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = prefixed(issuesOf(result.error), prefix)
  throw new IproxyValidationError(`Cannot send ${where.method} ${where.path}: ${summary(issues)}.`, {
    status: 0,
    method: where.method,
    path: where.path,
    field: issues[0]?.field ?? '(body)',
    issues,
  })
}

/** An id that goes into the URL path: a non-empty string, percent-encoded. */
export function pathSegment(value: unknown, field: string, where: Where): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new IproxyValidationError(`Cannot send ${where.method} ${where.path}: ${field} is required.`, {
      status: 0,
      method: where.method,
      path: where.path,
      field,
      issues: [{ field, message: 'is required' }],
    })
  }
  return encodeURIComponent(value)
}

/** Parses a 2xx answer's JSON, or throws `IproxyResponseError` naming the first field that does not fit. */
export function parseResponse<S extends z.ZodType>(schema: S, json: unknown, where: Where, status: number): z.output<S> {
  const result = schema.safeParse(json)
  if (result.success) return result.data
  // The body itself is not attached: a success body can hold passwords and keys.
  const issues = issuesOf(result.error).slice(0, 10)
  throw new IproxyResponseError(
    `iProxy sent an answer to ${where.method} ${where.path} that this app does not understand (${summary(issues)}). ` +
      'Try again; if it keeps happening, the app may need an update.',
    { status, method: where.method, path: where.path, field: issues[0]?.field ?? '(body)', issues },
  )
}
