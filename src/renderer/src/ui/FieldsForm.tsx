/**
 * A form of a few text fields saved with one request: the account's details, a connection's name and
 * description, a VPN access's name and description. The request body is checked with the shared schema first
 * (errors on the named field), a failed save keeps what was typed and shows the server's errors on their fields,
 * and a body of nothing (nothing changed) just closes the form.
 */
import { useState } from 'react'
import type { ZodType } from 'zod'
import type { FormErrors } from './form-errors'
import { schemaErrors, serverErrors } from './form-errors'
import { FormError } from './FormError'
import { TextField } from './TextField'
import { FormActions } from './FormActions'

export interface TextFieldSpec<F extends string> {
  name: F
  label: string
  autoComplete?: string
}

interface FieldsFormProps<F extends string> {
  fields: ReadonlyArray<TextFieldSpec<F>>
  initial: Record<F, string>
  /** The request body for these values; undefined when there is nothing to send. */
  body(values: Record<F, string>): object | undefined
  schema: ZodType
  /** The app's own wording of a field's rule; the schema's message when absent. */
  rule?(field: string): string
  submit(body: unknown): Promise<void>
  onCancel(): void
  submitLabel?: string
  /** The form's accessible name (a form in a dialog is named by the dialog). */
  label?: string
  className?: string
}

/** A `body` for forms that send only what changed: the fields whose value differs from `initial`, or nothing. */
export function onlyChanged<F extends string>(initial: Record<F, string>): (values: Record<F, string>) => Partial<Record<F, string>> | undefined {
  return (values) => {
    const changed = Object.fromEntries(Object.entries(values).filter(([name, value]) => value !== initial[name as F]))
    return Object.keys(changed).length > 0 ? (changed as Partial<Record<F, string>>) : undefined
  }
}

export function FieldsForm<F extends string>(props: FieldsFormProps<F>) {
  const [values, setValues] = useState(props.initial)
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [busy, setBusy] = useState(false)
  const names = props.fields.map((f) => f.name)

  async function save(): Promise<void> {
    const body = props.body(values)
    if (body === undefined) return props.onCancel()
    const parsed = props.schema.safeParse(body)
    if (!parsed.success) return setErrors(schemaErrors(parsed.error, names, props.rule))
    setBusy(true)
    setErrors({ fields: {} })
    try {
      await props.submit(parsed.data)
    } catch (err) {
      setErrors(serverErrors(err, names))
      setBusy(false)
    }
  }

  return (
    <form
      className={props.className ?? 'form'}
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      {props.fields.map((field) => (
        <TextField
          key={field.name}
          label={field.label}
          value={values[field.name]}
          onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
          error={errors.fields[field.name]}
          {...(field.autoComplete ? { autoComplete: field.autoComplete } : {})}
        />
      ))}
      <FormError message={errors.form} />
      <FormActions busy={busy} onCancel={props.onCancel} submitLabel={props.submitLabel} />
    </form>
  )
}
