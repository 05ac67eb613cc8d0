/**
 * The iProxy Console API client's public surface. Schemas and types of the API itself are in `shared/iproxy/` (one file per resource).
 */
export { createIproxyClient, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './client'
export type { IproxyClient, IproxyClientOptions } from './client'
export type { CallOptions, RequestTiming } from './transport'
export { DEFAULT_MAX_RESPONSE_BYTES } from './read-body'
export {
  IproxyAbortError,
  IproxyAuthError,
  IproxyConnectionError,
  IproxyError,
  IproxyHttpError,
  IproxyNotFoundError,
  IproxyRateLimitError,
  IproxyResponseError,
  IproxyResponseTooLargeError,
  IproxyServerError,
  IproxyTimeoutError,
  IproxyValidationError,
} from './api-errors'
export type { IproxyErrorInit, IproxyIssue } from './api-errors'
export { MAX_RETRY_AFTER_MS, parseRetryAfterMs } from './retry'
export type { MeResource } from './resources/me'
export type { ConnectionsResource } from './resources/connections'
export type { ProxiesResource } from './resources/proxies'
export type { VpnResource } from './resources/vpn'
export type { StatsResource } from './resources/stats'
export type { ActionLinksResource } from './resources/action-links'
