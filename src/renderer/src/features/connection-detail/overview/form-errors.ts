/**
 * Field errors of the detail's forms: the shared request schemas decide what is valid (the same rules the API
 * applies); the message shown is the app's translated rule for that field. Server errors name fields as
 * `body.<field>`; they are shown on that field as the server worded them.
 */
import type { z } from 'zod'
import { BridgeError } from '../../../bridge'
import { formErrors } from '../../../ui/field-errors'
import type { FormErrors } from '../../../ui/field-errors'

/** The first issue per top-level field of a failed parse, as `message(field)` words it. */
export function validationErrors(error: z.ZodError, message: (field: string) => string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '')
    fields[field] ??= message(field)
  }
  return fields
}

/**
 * A failed call's errors with `body.` taken off field names, so they land on the form's own fields; a field the
 * form does not show (`known`) becomes the form's message, so no error is ever swallowed.
 */
export function serverErrors(err: unknown, known: readonly string[]): FormErrors {
  const { fields: found, form: formMessage } = formErrors(err)
  const fields = { ...found }
  let form = formMessage
  // The API names the field at fault in its error body (`{ error: { field, message } }`), which the client passes on.
  const body = err instanceof BridgeError ? (err.details as { serverBody?: { error?: { field?: unknown; message?: unknown } } } | undefined)?.serverBody : undefined
  const serverField = body?.error?.field
  if (typeof serverField === 'string' && serverField !== '' && !(serverField in fields)) {
    fields[serverField] = typeof body?.error?.message === 'string' ? body.error.message : (err as Error).message
    form = undefined
  }
  const named: Record<string, string> = {}
  const elsewhere: string[] = form === undefined ? [] : [form]
  for (const [field, text] of Object.entries(fields)) {
    const bare = field.startsWith('body.') ? field.slice(5) : field
    const top = bare.split('.')[0] ?? bare
    if (known.includes(top)) named[top] ??= text
    else elsewhere.push(`${bare}: ${text}`)
  }
  return elsewhere.length === 0 ? { fields: named } : { fields: named, form: elsewhere.join(' ') }
}
