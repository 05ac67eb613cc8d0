/**
 * The building blocks of the IPC contract: a call is an input schema plus a result type, an event a payload type.
 * Every domain's contract file (contract/<domain>.ts) is made of these, and bridge.ts assembles the domains; this
 * file imports neither, so no domain file imports the bridge back.
 */
import { z } from 'zod'

/** A call's description: its input schema and (as a type only) its result. */
export interface CallSpec<I extends z.ZodType, R> {
  readonly kind: 'call'
  readonly input: I
  /** Phantom: never set at run time, carries the result type. */
  readonly result?: R
}

/** An event's description: its payload type, as a type only. */
export interface EventSpec<P> {
  readonly kind: 'event'
  readonly payload?: P
}

/** `call<Result>()(inputSchema)`: curried so the result type can be given while the input type is inferred. */
export const call =
  <R>() =>
  <I extends z.ZodType>(input: I): CallSpec<I, R> => ({ kind: 'call', input })

export const event = <P>(): EventSpec<P> => ({ kind: 'event' })

/** Input schema of calls that take nothing. Strict, so a stray argument is a validation error too. */
export const noInput = z.undefined()

/** An id the page sends (a connection's, a proxy's, a batch's…): not empty, and not absurdly long. */
export const idSchema = z.string().min(1, 'is required').max(128)

/** `{ connId, body }`: a request body for one connection, as the API's per-connection calls take it. */
export const onConnection = <B extends z.ZodType>(body: B) => z.strictObject({ connId: idSchema, body })
