/**
 * Any error, as the bridge carries it: turns anything a handler throws (or an input that fails its schema) into
 * the structured `{ code, message, details? }` the renderer shows. The errors themselves are the API's
 * (iproxy/api-errors.ts) and the app's own (app-error.ts).
 *
 * Only errors that say they are safe to show (our own typed errors) keep their message; anything else could
 * carry internals or secrets, so the user gets a generic message and the log gets the stack.
 */
import { z } from 'zod'
import type { BridgeErrorShape } from '../shared/bridge'
import { issueFacts, type IssueFacts } from '../shared/issue-facts'

/** An error whose message was written for the user and holds no secret. Typed service errors implement it. */
export interface UserFacingError {
  toBridgeError(): BridgeErrorShape
}

function isUserFacing(err: unknown): err is UserFacingError {
  return typeof err === 'object' && err !== null && typeof (err as UserFacingError).toBridgeError === 'function'
}

/** An issue as the bridge carries it: the English message plus the code and limits the renderer words it by. */
export interface ValidationIssue extends IssueFacts {
  /** Dotted path of the bad field, `"(input)"` when the whole input is wrong. */
  field: string
}

export function describeIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)',
    ...issueFacts(issue),
  }))
}

export function validationError(error: z.ZodError, what: string): BridgeErrorShape {
  const issues = describeIssues(error)
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ')
  return { code: 'validation', message: `Invalid ${what}: ${summary}`, details: { issues } }
}

export function toBridgeError(err: unknown, log: (message: string, err: unknown) => void): BridgeErrorShape {
  if (isUserFacing(err)) return err.toBridgeError()
  if (err instanceof z.ZodError) return validationError(err, 'value')
  log('unexpected error in a call handler', err)
  return {
    code: 'internal',
    message: 'Something went wrong inside the app. The details were written to its log; please try again.',
  }
}
