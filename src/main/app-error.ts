/**
 * The app's own errors for the user: what the services say when something the user asked cannot be done (a file
 * that cannot be written, a profile that does not exist, a link not allowed). The API's errors are in
 * iproxy/api-errors.ts; both reach the page through bridge-errors.ts.
 */
import type { BridgeErrorShape } from '../shared/bridge'
import type { UserFacingError } from './bridge-errors'

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
