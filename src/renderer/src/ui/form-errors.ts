/**
 * Errors of a form, placed on the field they are about. Two sources: the shared request schema, checked before
 * anything is sent (the same rules the API applies), and a failed call (the handler's zod issues, or the API
 * naming the field at fault). Field names are the request's: `body.auth.login` and `auth.login.0` both land on
 * `auth.login` when the form shows that field. A problem with no field the form shows becomes the form's message,
 * so no error is ever swallowed.
 */
import type { ZodError, ZodType } from 'zod'
import { BridgeError } from '../bridge'
import { errorMessage } from './error-message'
import { issueText } from './issue-text'
import { issueFacts, type IssueFacts } from '../../../shared/issue-facts'

export interface FormErrors {
  /** Messages by field name, shown on the field the validator or the server named. */
  fields: Record<string, string>
  /** The message for the form as a whole, when no field was named. */
  form?: string
}

/** An issue main sent: field and English message, and (from main's describeIssues) the code and limits. */
interface IssueLike extends Partial<Omit<IssueFacts, 'message'>> {
  field?: unknown
  message?: unknown
}

/** Splits a failed call into per-field messages (from `details.issues` or `details.field`) and a form message. */
export function formErrors(err: unknown): FormErrors {
  const fields: Record<string, string> = {}
  if (err instanceof BridgeError && typeof err.details === 'object' && err.details !== null) {
    const details = err.details as { issues?: IssueLike[]; field?: unknown }
    for (const issue of details.issues ?? []) {
      // Worded in the interface language by its code and limits; an issue without a code keeps main's message.
      if (typeof issue.field === 'string' && typeof issue.message === 'string') {
        fields[issue.field] ??= typeof issue.code === 'string' ? issueText({ ...issue, code: issue.code, message: issue.message }) : issue.message
      }
    }
    if (typeof details.field === 'string' && !fields[details.field]) fields[details.field] = errorMessage(err)
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields, form: errorMessage(err) }
}

/** The form field a path belongs to: the longest of `fields` that is the path or a prefix of it. */
function fieldOf(path: string, fields: readonly string[]): string | undefined {
  let best: string | undefined
  for (const f of fields) if ((path === f || path.startsWith(`${f}.`)) && f.length > (best?.length ?? -1)) best = f
  return best
}

/** Puts each problem on its field, or in the form's message as "path: message" when the form does not show it. */
function place(problems: ReadonlyArray<{ path: string; message: string }>, fields: readonly string[], form: string[]): FormErrors {
  const named: Record<string, string> = {}
  const elsewhere = [...form]
  for (const { path, message } of problems) {
    const field = fieldOf(path, fields)
    if (field !== undefined) named[field] ??= message
    else elsewhere.push(path ? `${path}: ${message}` : message)
  }
  return elsewhere.length === 0 ? { fields: named } : { fields: named, form: elsewhere.join(' ') }
}

/** A failed call's errors on the form's `fields`; the rest in the form's message. */
export function serverErrors(err: unknown, fields: readonly string[]): FormErrors {
  const raw = formErrors(err)
  const found = { ...raw.fields }
  let form = raw.form
  // The API names the field at fault in its error body (`{ error: { field, message } }`), which the client passes on.
  const body = err instanceof BridgeError ? (err.details as { serverBody?: { error?: { field?: unknown; message?: unknown } } } | undefined)?.serverBody : undefined
  const serverField = body?.error?.field
  if (typeof serverField === 'string' && serverField !== '' && !(serverField in found)) {
    found[serverField] = typeof body?.error?.message === 'string' ? body.error.message : errorMessage(err)
    form = undefined
  }
  const problems = Object.entries(found).map(([name, message]) => ({ path: name.replace(/^body\./, ''), message }))
  return place(problems, fields, form === undefined ? [] : [form])
}

/**
 * A failed schema check's issues on the form's `fields`. `message(field)` words the app's own rule for a field
 * (translated); without it the issue is worded by its code and limits (ui/issue-text.ts).
 */
export function schemaErrors(error: ZodError, fields: readonly string[], message?: (field: string) => string): FormErrors {
  const problems = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    const field = fieldOf(path, fields)
    return { path, message: message && field !== undefined ? message(field) : issueText(issueFacts(issue)) }
  })
  return place(problems, fields, [])
}

/** Checks a request body with its shared schema; the issues by field, or undefined when it is valid. */
export function validateBody(schema: ZodType, body: unknown, fields: readonly string[]): FormErrors | undefined {
  const result = schema.safeParse(body)
  return result.success ? undefined : schemaErrors(result.error, fields)
}
