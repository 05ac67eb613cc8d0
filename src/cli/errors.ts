/**
 * Turns whatever a command throws into what the person sees and the exit code scripts branch on. Our own typed
 * errors (CliError, AppError, the API client's IproxyError) carry messages written for the user and never a key,
 * so they are printed as they are, without a stack. Anything else is a bug: one line, and the stack only with
 * IPROXY_DEBUG=1.
 */
import { AppError } from '../main/app-error'
import { IproxyAuthError, IproxyError, IproxyValidationError } from '../main/iproxy/api-errors'
import { CliError, EXIT, type ExitCode } from './exit-codes'

export interface Failure {
  exitCode: ExitCode
  code: string
  message: string
}

/** App errors that mean "no usable key": exit 3, like a key iProxy rejected. */
const AUTH_CODES = new Set(['key_rejected', 'key_missing', 'keychain_unavailable', 'profile_not_found', 'no_active_profile', 'api_address_mismatch'])
/** App errors that mean "a value you gave is wrong": exit 2. */
const USAGE_CODES = new Set(['validation', 'invalid_template', 'file_too_large', 'not_text'])

export function describeFailure(err: unknown, keySource?: string): Failure {
  if (err instanceof CliError) return { exitCode: err.exitCode, code: err.code, message: err.message }
  if (err instanceof IproxyAuthError) {
    const from = keySource ? ` (the key from ${keySource})` : ''
    return {
      exitCode: EXIT.auth,
      code: err.code,
      message: `iProxy rejected the API key${from}. Copy the key again from your iProxy dashboard (Settings → API), then set IPROXY_API_KEY or run "iproxy profiles add NAME".`,
    }
  }
  if (err instanceof IproxyValidationError && err.status === 0 && (err.field === 'apiKey' || err.field === 'baseUrl')) {
    // The client refused to start: a key that cannot be one, or an API address that is not a URL.
    const exitCode = err.field === 'apiKey' ? EXIT.auth : EXIT.usage
    return { exitCode, code: err.code, message: err.field === 'baseUrl' ? `${err.message} (IPROXY_API_URL or the profile's address)` : err.message }
  }
  if (err instanceof IproxyError) return { exitCode: EXIT.failed, code: err.code, message: err.message }
  if (err instanceof AppError) {
    const exitCode = AUTH_CODES.has(err.code) ? EXIT.auth : USAGE_CODES.has(err.code) ? EXIT.usage : EXIT.failed
    return { exitCode, code: err.code, message: err.message }
  }
  const detail = err instanceof Error ? err.message : String(err)
  return { exitCode: EXIT.failed, code: 'internal', message: `Something went wrong inside iproxy: ${detail}. Run again with IPROXY_DEBUG=1 for details.` }
}

/** `{ code, message }` for a JSON document's `errors` list. */
export function errorEntry(err: unknown, keySource?: string): { code: string; message: string } {
  const { code, message } = describeFailure(err, keySource)
  return { code, message }
}
