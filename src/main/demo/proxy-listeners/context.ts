import type { Socket } from 'node:net'
import type { ExitRegistry } from '../exit-registry'
import type { AccessRules } from './access'

/** What a protocol handler needs from its listener. `rules()` is read at each decision, so updates apply live. */
export interface ListenerContext {
  rules(): AccessRules
  now(): number
  registry: ExitRegistry
  connectTimeoutMs: number
  /** Registers an outbound socket so that closing the listener destroys it too. */
  trackOutbound(socket: Socket): void
}
