/**
 * `createIproxyClient`: the iProxy Console API, one namespace per resource, in the style of openai-node.
 *
 *   const client = createIproxyClient({ apiKey })
 *   const connections = await client.connections.list()
 *
 * The API key lives only in the transport's closure: it is not a property of the client, and no error, log
 * line or serialized form contains it.
 */
import type { Dispatcher } from 'undici'
import { z } from 'zod'
import { IPROXY_DEFAULT_BASE_URL } from '../../shared/iproxy'
import { apiUrlProblem, canonicalApiUrl } from '../../shared/validators'
import { IproxyValidationError } from './api-errors'
import { createActionLinksResource, type ActionLinksResource } from './resources/action-links'
import { createConnectionsResource, type ConnectionsResource } from './resources/connections'
import { createMeResource, type MeResource } from './resources/me'
import { createProxiesResource, type ProxiesResource } from './resources/proxies'
import { createRequester, type EndpointRequest } from './resources/request'
import { createStatsResource, type StatsResource } from './resources/stats'
import { createVpnResource, type VpnResource } from './resources/vpn'
import { DEFAULT_MAX_RESPONSE_BYTES } from './read-body'
import { createTransport, type CallOptions, type RequestTiming } from './transport'

export const DEFAULT_TIMEOUT_MS = 20_000
/** Two retries: three attempts in all. */
export const DEFAULT_MAX_RETRIES = 2
const DEFAULT_RETRY_BASE_DELAY_MS = 500
const DEFAULT_RETRY_MAX_DELAY_MS = 8_000

export interface IproxyClientOptions {
  /** The user's Console API key, sent as `Authorization: Bearer <key>`. */
  apiKey: string
  /** Defaults to `https://iproxy.online/api/console/v1/`; configurable per profile. */
  baseUrl?: string
  /** Per attempt, in ms (default 20 000). A call can override it. */
  timeoutMs?: number
  /** Retries after the first attempt (default 2, i.e. 3 attempts). 0 disables retrying. */
  maxRetries?: number
  /** An undici dispatcher to use instead of the client's own keep-alive Agent (which `close()` then leaves open). */
  dispatcher?: Dispatcher
  /** First backoff delay in ms (default 500), doubling per retry. Tests shorten it. */
  retryBaseDelayMs?: number
  /** Backoff ceiling in ms (default 8 000). */
  retryMaxDelayMs?: number
  userAgent?: string
  /** The largest answer read, in bytes (default 50 MB); a larger one fails with IproxyResponseTooLargeError. */
  maxResponseBytes?: number
  /** Debug log of each attempt; the Authorization header is masked. */
  log?: (line: string) => void
  /** Called after every successful call with where its time went (benchmarks, diagnostics). */
  onTiming?: (timing: RequestTiming) => void
}

export interface IproxyClient {
  /** The normalized base URL (ends with `/`). */
  readonly baseUrl: string
  readonly me: MeResource
  readonly connections: ConnectionsResource
  readonly proxies: ProxiesResource
  readonly vpn: VpnResource
  readonly stats: StatsResource
  readonly actionLinks: ActionLinksResource
  /** `GET` a documented path and resolve to its JSON unparsed: the API drift report (main/drift) compares it with the docs. */
  getRaw(template: string, request: Omit<EndpointRequest<z.ZodUnknown>, 'schema'>, options?: CallOptions): Promise<unknown>
  /** Closes the client's keep-alive sockets. Calls made afterwards fail. */
  close(): Promise<void>
}

function optionError(field: string, message: string): IproxyValidationError {
  return new IproxyValidationError(`The iProxy client cannot start: ${message}`, {
    status: 0, method: '', path: '', field, issues: [{ field, message }],
  })
}

function normalizeBaseUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw optionError('baseUrl', 'the API address is not a valid URL.')
  }
  const problem = apiUrlProblem(url.href)
  if (problem) throw optionError('baseUrl', `the API address ${problem}.`)
  return canonicalApiUrl(url)
}

function positive(value: number | undefined, fallback: number, field: string, allowZero = false): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw optionError(field, `${field} must be a ${allowZero ? 'non-negative' : 'positive'} number.`)
  return value
}

export function createIproxyClient(options: IproxyClientOptions): IproxyClient {
  const apiKey = typeof options.apiKey === 'string' ? options.apiKey.trim() : ''
  if (apiKey === '') throw optionError('apiKey', 'no API key was given. Add the key from the iProxy dashboard to this profile.')
  // A key with spaces or control characters could not be sent as a header; the message does not echo it.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) throw optionError('apiKey', 'the API key contains characters an API key cannot have. Paste it again.')
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? IPROXY_DEFAULT_BASE_URL)
  const maxRetries = Math.floor(positive(options.maxRetries, DEFAULT_MAX_RETRIES, 'maxRetries', true))

  const transport = createTransport({
    apiKey,
    baseUrl,
    timeoutMs: positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    maxRetries,
    retryBaseDelayMs: positive(options.retryBaseDelayMs, DEFAULT_RETRY_BASE_DELAY_MS, 'retryBaseDelayMs', true),
    retryMaxDelayMs: positive(options.retryMaxDelayMs, DEFAULT_RETRY_MAX_DELAY_MS, 'retryMaxDelayMs', true),
    userAgent: options.userAgent ?? 'iProxy-Desktop',
    maxResponseBytes: positive(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.onTiming ? { onTiming: options.onTiming } : {}),
  })

  return {
    baseUrl: baseUrl.href,
    me: createMeResource(transport),
    connections: createConnectionsResource(transport),
    proxies: createProxiesResource(transport),
    vpn: createVpnResource(transport),
    stats: createStatsResource(transport),
    actionLinks: createActionLinksResource(transport, baseUrl),
    getRaw: (template, request, options) => createRequester(transport).get(template, { ...request, schema: z.unknown() }, options),
    close: () => transport.close(),
  }
}
