/**
 * Typed errors of the iProxy Console client, one class per thing the user can do something about.
 *
 * Every error carries the HTTP status (0 when no answer came), a stable `code`, the request's method and
 * API-relative path, and a message written for the user. None of them ever holds the API key: the key is not
 * passed to them, server bodies are scrubbed of it before they are attached, and `toJSON` lists exactly what
 * is serialized.
 */
import type { UserFacingError } from '../call-errors'

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

  /** What the renderer receives over the bridge (see `call-errors.ts`). */
  toBridgeError(): { code: string; message: string; details?: unknown } {
    const details: Record<string, unknown> = { status: this.status, method: this.method, path: this.path }
    if (this.field !== undefined) details.field = this.field
    if (this.serverBody !== undefined) details.serverBody = this.serverBody
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
