/**
 * The API's typed errors: one class per thing the user can do something about, and how each is made from what
 * went wrong on the wire (a status and the server's body, a network failure, a timeout, a cancel).
 *
 * Every error carries the HTTP status (0 when no answer came), a stable `code`, the request's method and
 * API-relative path, and a message written for the user. None of them ever holds the API key: the key is not
 * passed to them, server bodies are scrubbed of it before they are attached, and `toJSON` lists exactly what
 * is serialized.
 */
import type { UserFacingError } from '../bridge-errors'
import { networkErrorCode } from './retry'

export interface IproxyErrorInit {
  /** HTTP status, or 0 when the request got no answer (or never left the app). */
  status: number
  method: string
  /** Path relative to the API base, e.g. `/connections/abc/update-settings`. */
  path: string
  /** Dotted path of the field at fault (`dns.0`, `connections.3.basic_info.name`). */
  field?: string
  /** The server's error body, whatever its shape (parsed JSON, or text when it was not JSON). */
  serverBody?: unknown
  /** The server's own message, when its body had one. */
  serverMessage?: string
  cause?: unknown
}

export interface IproxyIssue {
  field: string
  message: string
}

export class IproxyError extends Error implements UserFacingError {
  readonly code: string = 'iproxy_error'
  readonly status: number
  readonly method: string
  readonly path: string
  readonly field?: string
  readonly serverBody?: unknown
  readonly serverMessage?: string

  constructor(message: string, init: IproxyErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = new.target.name
    this.status = init.status
    this.method = init.method
    this.path = init.path
    if (init.field !== undefined) this.field = init.field
    if (init.serverBody !== undefined) this.serverBody = init.serverBody
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage
  }

  /** What the renderer receives over the bridge (see `bridge-errors.ts`). */
  toBridgeError(): { code: string; message: string; details?: unknown } {
    const details: Record<string, unknown> = { status: this.status, method: this.method, path: this.path }
    if (this.field !== undefined) details.field = this.field
    if (this.serverBody !== undefined) details.serverBody = this.serverBody
    // The server's own words, for the page to quote after its own wording of the code (ui/error-message.ts).
    if (this.serverMessage !== undefined) details.serverMessage = this.serverMessage
    Object.assign(details, this.extraDetails())
    return { code: this.code, message: this.message, details }
  }

  /** Exactly what `JSON.stringify(error)` shows: never the `cause`, never a header. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, ...this.toBridgeError() }
  }

  protected extraDetails(): Record<string, unknown> {
    return {}
  }
}

/** 401/403. */
export class IproxyAuthError extends IproxyError {
  override readonly code = 'auth_rejected'
}

/** 404: the connection, proxy, VPN access or link does not exist (any more). */
export class IproxyNotFoundError extends IproxyError {
  override readonly code = 'not_found'
}

/**
 * A request the server refused as invalid (400/422, `code: 'validation_failed'`, `serverMessage` set), or one the
 * client refused before sending anything (`status: 0`, `code: 'invalid_request'`, `field` and `issues` set).
 */
export class IproxyValidationError extends IproxyError {
  override readonly code: 'validation_failed' | 'invalid_request'
  readonly issues: IproxyIssue[]

  constructor(message: string, init: IproxyErrorInit & { issues?: IproxyIssue[] }) {
    super(message, init)
    this.code = init.status === 0 ? 'invalid_request' : 'validation_failed'
    this.issues = init.issues ?? []
  }

  protected override extraDetails(): Record<string, unknown> {
    return this.issues.length > 0 ? { issues: this.issues } : {}
  }
}

/** 429. `retryAfterMs` is the server's `Retry-After`, when it sent one. */
export class IproxyRateLimitError extends IproxyError {
  override readonly code = 'rate_limited'
  readonly retryAfterMs?: number

  constructor(message: string, init: IproxyErrorInit & { retryAfterMs?: number }) {
    super(message, init)
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs
  }

  protected override extraDetails(): Record<string, unknown> {
    return this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }
  }
}

/** 5xx. */
export class IproxyServerError extends IproxyError {
  override readonly code = 'server_error'
}

/** Any other status the API does not document (402, 405, 409…). */
export class IproxyHttpError extends IproxyError {
  override readonly code = 'http_error'
}

/** No answer: refused, reset, DNS failure, TLS failure. `status` is 0; `cause` holds the network error. */
export class IproxyConnectionError extends IproxyError {
  override readonly code = 'connection_failed'
}

/** One attempt took longer than its timeout (status 0), or the server answered 408 on the last attempt. */
export class IproxyTimeoutError extends IproxyError {
  override readonly code = 'timeout'
}

/** The caller's AbortSignal fired. */
export class IproxyAbortError extends IproxyError {
  override readonly code = 'aborted'
}

/** A 2xx answer that was not JSON, or did not fit the documented shape (`field` names where). */
export class IproxyResponseError extends IproxyError {
  override readonly code = 'bad_response'
  readonly issues: IproxyIssue[]

  constructor(message: string, init: IproxyErrorInit & { issues?: IproxyIssue[] }) {
    super(message, init)
    this.issues = init.issues ?? []
  }

  protected override extraDetails(): Record<string, unknown> {
    return this.issues.length > 0 ? { issues: this.issues } : {}
  }
}

/** A 2xx (or any) answer larger than the transport's cap (`maxBytes`): it was not read past the cap. */
export class IproxyResponseTooLargeError extends IproxyError {
  override readonly code = 'response_too_large'
  readonly maxBytes: number

  constructor(message: string, init: IproxyErrorInit & { maxBytes: number }) {
    super(message, init)
    this.maxBytes = init.maxBytes
  }

  protected override extraDetails(): Record<string, unknown> {
    return { maxBytes: this.maxBytes }
  }
}

/** Replaces every occurrence of `secret` in strings anywhere inside `value` (server bodies may echo a header). */
export function redactSecret<T>(value: T, secret: string): T {
  if (secret === '') return value
  if (typeof value === 'string') return value.split(secret).join('***') as T
  if (Array.isArray(value)) return value.map((v) => redactSecret(v, secret)) as T
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [redactSecret(k, secret), redactSecret(v, secret)]),
    ) as T
  }
  return value
}

// ---------------------------------------------------------------------------------------------------------
// From the wire to the typed error
// ---------------------------------------------------------------------------------------------------------

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
