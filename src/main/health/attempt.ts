/**
 * One check's deadline, cancel and sockets (`Attempt`).
 *
 * Stopping (the deadline passed, or the caller's signal aborted) destroys every socket the attempt opened and its
 * undici dispatcher, so whatever step is pending fails, and `stopped` rejects at that moment, so the check can
 * answer without waiting for that step. Why not an AbortController per check and a listener per step: with 100
 * checks in flight their EventTarget listeners were a visible share of the checker's CPU; this costs one timer,
 * one promise and, when the caller passes a signal, one listener on it.
 */
import type { Socket } from 'node:net'
import type { Dispatcher } from 'undici'

export type StopReason = 'timeout' | 'cancelled'

/** A check's deadline when the caller gives none. */
export const DEFAULT_TIMEOUT_MS = 10_000

/** What `stopped` rejects with. */
export class StoppedError extends Error {
  override name = 'StoppedError'
  constructor(readonly reason: StopReason) {
    super(reason === 'timeout' ? 'the check timed out' : 'the check was cancelled')
  }
}

const noop = () => {}

/**
 * The error undici's dispatchers are destroyed with. Made once: when nothing is pending it is never thrown, and
 * building (with a stack trace) a fresh ClientDestroyedError at every level of every check's ProxyAgent was a
 * measurable part of the checker's CPU.
 */
const DISPOSED = new Error('the health check is done with this dispatcher')

/** Destroys a dispatcher without building an error with a stack trace at each of its levels. */
export function destroyDispatcher(dispatcher: Dispatcher): void {
  // ProxyAgent destroys its inner Agent and proxy client without passing its error on, so each builds its own
  // ClientDestroyedError. They are made synchronously inside this call and never reach us: no stack is worth it.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    dispatcher.destroy(DISPOSED).catch(noop)
  } finally {
    Error.stackTraceLimit = limit
  }
}

export class Attempt {
  reason: StopReason | undefined
  /** Destroyed with the sockets when the attempt stops or is disposed. */
  dispatcher: Dispatcher | undefined
  /** Rejects with a StoppedError when the attempt stops; never settles otherwise. */
  readonly stopped: Promise<never>
  private readonly sockets: Socket[] = []
  private rejectStopped: (err: Error) => void = noop
  private readonly timer: NodeJS.Timeout
  private readonly outer: AbortSignal | undefined
  private readonly onOuterAbort: (() => void) | undefined
  private disposed = false

  constructor(timeoutMs: number, outer: AbortSignal | undefined) {
    this.stopped = new Promise<never>((_, reject) => {
      this.rejectStopped = reject
    })
    this.stopped.catch(noop)
    this.timer = setTimeout(() => this.stop('timeout'), timeoutMs)
    this.outer = outer
    if (outer) {
      this.onOuterAbort = () => this.stop('cancelled')
      if (outer.aborted) this.stop('cancelled')
      else outer.addEventListener('abort', this.onOuterAbort, { once: true })
    }
  }

  /** `work`, unless the attempt stops first. */
  run<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stopped])
  }

  /** Records a socket of this attempt; one opened after the attempt stopped is destroyed at once. */
  track(socket: Socket): void {
    this.sockets.push(socket)
    if (this.reason !== undefined || this.disposed) socket.destroy()
  }

  stop(reason: StopReason): void {
    if (this.reason !== undefined || this.disposed) return
    this.reason = reason
    this.rejectStopped(new StoppedError(reason))
    this.closeAll()
  }

  /** Closes every socket and the dispatcher (calling it twice is fine). */
  closeAll(): void {
    // Sockets first, without an error: the dispatcher then finds them destroyed already, so node does not emit
    // an 'error' on each nor format the error's stack (destroy(err) reads err.stack).
    for (const socket of this.sockets) socket.destroy()
    this.sockets.length = 0
    const dispatcher = this.dispatcher
    this.dispatcher = undefined
    if (dispatcher) destroyDispatcher(dispatcher)
  }

  /** Ends the attempt: no timer, no listener on the caller's signal, every socket closed. */
  dispose(): void {
    this.disposed = true
    clearTimeout(this.timer)
    if (this.outer && this.onOuterAbort) this.outer.removeEventListener('abort', this.onOuterAbort)
    this.closeAll()
  }
}
