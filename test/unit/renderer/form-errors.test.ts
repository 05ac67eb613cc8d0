/**
 * ui/form-errors.ts, the one helper every form uses: problems land on the field the form shows, whoever named
 * it (the shared schema, the handler's zod issues, the API's error body), and nothing is ever swallowed.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { BridgeError } from '../../../src/shared/bridge'
import { schemaErrors, serverErrors, validateBody } from '../../../src/renderer/src/ui/form-errors'

const FIELDS = ['auth', 'auth.login', 'description'] as const

describe('form errors', () => {
  it('puts a handler’s issues on the longest field the form shows; the rest goes to the form message', () => {
    const err = new BridgeError({
      code: 'invalid_input',
      message: 'Some fields need fixing',
      details: { issues: [{ field: 'body.auth.login.0', message: 'too long' }, { field: 'body.auth', message: 'bad auth' }, { field: 'body.port', message: 'not a port' }] },
    })
    expect(serverErrors(err, FIELDS)).toEqual({ fields: { 'auth.login': 'too long', auth: 'bad auth' }, form: 'port: not a port' })
  })

  it('shows the field the API named in its error body on that field', () => {
    const err = new BridgeError({ code: 'api_error', message: 'Bad request', details: { serverBody: { error: { field: 'description', message: 'Too long for the API' } } } })
    expect(serverErrors(err, FIELDS)).toEqual({ fields: { description: 'Too long for the API' } })
  })

  it('a failure naming no field is the form’s message', () => {
    expect(serverErrors(new Error('Internal server error'), FIELDS)).toEqual({ fields: {}, form: 'Internal server error' })
  })

  it('schema issues: the app’s wording per field when given, the schema’s otherwise; unknown paths reach the form', () => {
    const schema = z.object({ name: z.string().min(1, 'name is empty'), extra: z.number() })
    const parsed = schema.safeParse({ name: '', extra: 'x' })
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    expect(schemaErrors(parsed.error, ['name'], () => 'Use 1 to 100 characters.')).toEqual({
      fields: { name: 'Use 1 to 100 characters.' },
      form: expect.stringMatching(/^extra: /),
    })
    expect(validateBody(schema, { name: '', extra: 1 }, ['name', 'extra'])).toEqual({ fields: { name: 'name is empty' } })
    expect(validateBody(schema, { name: 'ok', extra: 1 }, ['name', 'extra'])).toBeUndefined()
  })
})
