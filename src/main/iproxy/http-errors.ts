/**
 * Turns what went wrong on the wire into the typed error a user can act on.
 */
import {
  IproxyAbortError,
  IproxyAuthError,
  IproxyConnectionError,
  IproxyHttpError,
  IproxyNotFoundError,
  IproxyRateLimitError,
  IproxyServerError,
  IproxyTimeoutError,
  IproxyValidationError,
  redactSecret,
  type IproxyError,
} from './errors'
import { networkErrorCode } from './retry'

export interface RequestContext {
  method: string
  /** API-relative path, safe to show (an action link's own id is masked in it). */
  path: string
  /** `host[:port]` of the server, for connection messages. */
  host: string
  /** Scrubbed from anything the server sends back before it is attached to an error. */
  apiKey: string
}

/** Error bodies are kept, but a multi-megabyte HTML page is not worth keeping whole. */
const MAX_KEPT_TEXT = 2000
const MAX_MESSAGE = 300

export interface ServerBody {
  body: unknown
  message?: string
}

/** The server's error body, parsed when it is JSON, with its message when it has a recognisable one. */
export function readServerBody(text: string, apiKey: string): ServerBody {
  if (text.trim() === '') return { body: undefined }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = text.length > MAX_KEPT_TEXT ? `${text.slice(0, MAX_KEPT_TEXT)}…` : text
  }
  body = redactSecret(body, apiKey)
  const message = messageOf(body)
  return message === undefined ? { body } : { body, message }
}

function messageOf(body: unknown): string | undefined {
  let found: unknown
  if (typeof body === 'string') {
    // An HTML error page from a proxy in front of the API has no message worth repeating to the user.
    found = body.trimStart().startsWith('<') ? undefined : body.trim()
  } else if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>
    for (const key of ['message', 'error', 'detail', 'description', 'msg']) {
      const value = record[key]
      if (typeof value === 'string' && value.trim() !== '') {
        found = value.trim()
        break
      }
      if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
        found = (value as { message: string }).message.trim()
        break
      }
    }
  }
  if (typeof found !== 'string' || found === '') return undefined
  return found.length > MAX_MESSAGE ? `${found.slice(0, MAX_MESSAGE)}…` : found
}

function fieldOf(body: unknown): string | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined
  const field = typeof error === 'object' && error !== null ? (error as { field?: unknown }).field : undefined
  return typeof field === 'string' && field !== '' && field.length <= 100 ? field : undefined
}

function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  return `${Math.ceil(seconds / 60)} min`
}

/** The typed error for a non-2xx answer. */
export function errorFromStatus(
  status: number,
  server: ServerBody,
  ctx: RequestContext,
  retryAfterMs: number | undefined,
): IproxyError {
  const init = {
    status,
    method: ctx.method,
    path: ctx.path,
    ...(server.body !== undefined ? { serverBody: server.body } : {}),
    ...(server.message !== undefined ? { serverMessage: server.message } : {}),
  }
  const said = server.message === undefined ? '' : ` The server said: "${server.message}".`
  const where = `${ctx.method} ${ctx.path}`

  if (status === 401 || status === 403) {
    return new IproxyAuthError(
      `The API key was rejected (HTTP ${status}).${said} Check the key saved in this profile, or create a new one in the iProxy dashboard.`,
      init,
    )
  }
  if (status === 404) {
    return new IproxyNotFoundError(
      `Not found (HTTP 404, ${where}).${said} It may have been deleted elsewhere; refresh and try again.`,
      init,
    )
  }
  if (status === 400 || status === 422) {
    // The API names the field at fault (`{ error: { field } }`): pass it on so forms show the error on that field.
    const field = fieldOf(server.body)
    return new IproxyValidationError(
      `iProxy refused the request as invalid (HTTP ${status}, ${where}).${said || ' Check the values you entered.'}`,
      field === undefined ? init : { ...init, field },
    )
  }
  if (status === 429) {
    const wait = retryAfterMs === undefined ? 'a little while' : formatWait(retryAfterMs)
    return new IproxyRateLimitError(
      `Too many requests to iProxy (HTTP 429).${said} Wait ${wait} and try again.`,
      { ...init, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
    )
  }
  if (status === 408) {
    return new IproxyTimeoutError(`The iProxy server timed out handling ${where} (HTTP 408). Try again in a moment.`, init)
  }
  if (status >= 500) {
    return new IproxyServerError(
      `The iProxy server had a problem (HTTP ${status}, ${where}).${said} This is on iProxy's side; try again in a moment.`,
      init,
    )
  }
  return new IproxyHttpError(`iProxy answered HTTP ${status} to ${where}.${said}`, init)
}

export function connectionError(err: unknown, ctx: RequestContext): IproxyConnectionError {
  const code = networkErrorCode(err)
  const hint =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'The server name could not be resolved: check your internet connection and the profile\'s API address.'
      : code === 'ECONNREFUSED'
        ? 'The connection was refused: check the profile\'s API address, or whether a firewall or VPN blocks it.'
        : 'Check your internet connection, proxy or firewall, and try again.'
  return new IproxyConnectionError(
    `Could not reach the iProxy server at ${ctx.host}${code ? ` (${code})` : ''} for ${ctx.method} ${ctx.path}. ${hint}`,
    { status: 0, method: ctx.method, path: ctx.path, cause: err },
  )
}

export function timeoutError(ctx: RequestContext, timeoutMs: number): IproxyTimeoutError {
  return new IproxyTimeoutError(
    `The iProxy server did not answer ${ctx.method} ${ctx.path} within ${formatWait(timeoutMs)}. Check your connection and try again.`,
    { status: 0, method: ctx.method, path: ctx.path },
  )
}

export function abortError(ctx: RequestContext): IproxyAbortError {
  return new IproxyAbortError(`The request ${ctx.method} ${ctx.path} was cancelled.`, {
    status: 0,
    method: ctx.method,
    path: ctx.path,
  })
}
