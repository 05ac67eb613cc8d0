import type { BridgeErrorShape } from '../shared/bridge'
import type { UserFacingError } from './call-errors'

/** An error written for the user: its code and message reach the renderer as they are. */
export class AppError extends Error implements UserFacingError {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toBridgeError(): BridgeErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}
