import { BridgeError } from '../bridge'
import { errorMessage } from './error-message'

export interface FormErrors {
  /** Messages by field name, shown on the field the validator or the server named. */
  fields: Record<string, string>
  /** The message for the form as a whole, when no field was named. */
  form?: string
}

interface IssueLike {
  field?: unknown
  message?: unknown
}

/** Splits a failed call into per-field messages (from `details.issues` or `details.field`) and a form message. */
export function formErrors(err: unknown): FormErrors {
  const fields: Record<string, string> = {}
  if (err instanceof BridgeError && typeof err.details === 'object' && err.details !== null) {
    const details = err.details as { issues?: IssueLike[]; field?: unknown }
    for (const issue of details.issues ?? []) {
      if (typeof issue.field === 'string' && typeof issue.message === 'string') fields[issue.field] ??= issue.message
    }
    if (typeof details.field === 'string' && !fields[details.field]) fields[details.field] = errorMessage(err)
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields, form: errorMessage(err) }
}
