/**
 * The building blocks of the IPC contract (bridge.ts): a call is an input schema plus a result type, an event a
 * payload type. Kept apart from bridge.ts so per-domain contract files (health.ts, exports.ts) can use them
 * without an import cycle.
 */
import type { z } from 'zod'

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
