/**
 * Proxy health checks: the shapes main and renderer share (results, inputs, settings, status texts). The calls
 * and events of the `health` domain are in contract/health.ts.
 *
 * A check goes through one proxy to an IP-echo URL and reports whether it worked, why not, which IP the internet
 * saw, and how long each step took. Items checked are either an account proxy (`{ connectionId, proxyId }`: main
 * looks its credentials up, so passwords never travel back from the page) or a pasted line (`{ target }`).
 */
import { z } from 'zod'
import { idSchema as id } from './contract/kit'
import { encodeUserinfo } from './proxy-list/format'

// ---------------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------------

export const HEALTH_STATUSES = [
  'ok',
  'auth_failed',
  'refused',
  'unreachable',
  'dns_failed',
  'timeout',
  'proxy_error',
  'target_error',
  'bad_echo_response',
  'cancelled',
] as const
export type HealthStatus = (typeof HEALTH_STATUSES)[number]

/**
 * One line per status, in English: main's messages and logs, and the English catalogue's `health.statusHelp`
 * (which is this table; the Russian catalogue translates it). Written once, here.
 */
export const HEALTH_STATUS_MESSAGES: Record<HealthStatus, string> = {
  ok: 'The proxy works.',
  auth_failed: 'The proxy refused the login or password.',
  refused: 'Nothing accepts connections on that address and port.',
  unreachable: 'The proxy host cannot be reached from this computer.',
  dns_failed: 'The proxy host name could not be resolved.',
  timeout: 'The proxy did not answer in time.',
  proxy_error: 'The proxy answered, but not as a working proxy.',
  target_error: 'The proxy could not reach the IP-echo service.',
  bad_echo_response: 'The IP-echo service answered something that is not an IP address.',
  cancelled: 'The check was cancelled.',
}

export const HEALTH_REASONS = ['proxy_gone', 'no_protocol'] as const
export type HealthReason = (typeof HEALTH_REASONS)[number]

export interface HealthGeo {
  /** ISO 3166 alpha-2 where the echo service gives one, else its country name. */
  country?: string
  city?: string
  /** `AS12345` */
  asn?: string
  org?: string
}

export interface HealthTimings {
  /** TCP connect to the proxy. */
  connectMs?: number
  /** SOCKS5: the method greeting round trip. */
  greetingMs?: number
  /** SOCKS5: the username/password round trip (absent without auth). */
  authMs?: number
  /** SOCKS5 greeting + auth + connect request, or the HTTP CONNECT tunnel. */
  handshakeMs?: number
  /** From the request to the echo service being sent to its response headers. */
  firstByteMs?: number
  totalMs: number
}

export interface HealthCheckResult {
  ok: boolean
  status: HealthStatus
  /** The one-line message in English (the status's message, plus detail when there is some): logs, the command line. */
  error?: string
  /**
   * Why, more precisely than the status, as a code the page translates (`health.reason.<code>`) in place of the
   * status's own text: the proxy left the account, or a pasted line answered as neither protocol.
   */
  reason?: HealthReason
  /** The raw technical detail (a system error code, the proxy's answer), as it came: the page shows it on hover only. */
  detail?: string
  exitIp?: string
  exitIpVersion?: 4 | 6
  geo?: HealthGeo
  /** The echo service's HTTP status, when it answered. */
  httpStatus?: number
  timings: HealthTimings
  /** ISO 8601 */
  checkedAt: string
  /** The IP the connection is known to use (its latest IP-history entry), when known. */
  expectedIp?: string
  /** True when `expectedIp` is known and the exit IP differs from it. */
  ipMismatch?: boolean
  /** Optional download speed through the proxy, in Mbit/s. */
  throughputMbps?: number
  /** Why the throughput could not be measured, when it was asked for and failed. */
  throughputError?: string
  /**
   * For a pasted line that did not say its protocol (`protocol: 'auto'`): the one the proxy answered in, found by
   * trying both (main/health/detect-protocol.ts). Absent when neither answered as a proxy (or the address itself
   * failed), and for targets whose protocol was given.
   */
  detectedProtocol?: ProxyProtocol
}

// ---------------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------------

export const PROXY_PROTOCOLS = ['socks5', 'http'] as const
export type ProxyProtocol = (typeof PROXY_PROTOCOLS)[number]
/** What a pasted line's protocol can be: given, or `auto` when the line did not say (both are tried). */
export const PROTOCOL_CHOICES = ['auto', ...PROXY_PROTOCOLS] as const
export type ProtocolChoice = (typeof PROTOCOL_CHOICES)[number]

export const healthTargetSchema = z.strictObject({
  protocol: z.enum(PROXY_PROTOCOLS, 'must be socks5 or http'),
  host: z.string().min(1, 'is required').max(253),
  port: z.number().int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535'),
  username: z.string().max(255).optional(),
  password: z.string().max(255).optional(),
})
export type HealthTarget = z.output<typeof healthTargetSchema>

/** A pasted line's proxy: a HealthTarget whose protocol may be `auto` (the line did not say). */
export const pastedTargetSchema = healthTargetSchema.extend({ protocol: z.enum(PROTOCOL_CHOICES, 'must be auto, socks5 or http') })
export type PastedTarget = z.output<typeof pastedTargetSchema>

/** The longest proxy list read at once, pasted (characters) or opened from a file (bytes). */
export const MAX_LIST_TEXT = 5_000_000

/** The most proxies one batch checks (a pasted list longer than this is checked in parts). */
export const MAX_BATCH_ITEMS = 20_000

export const accountProxyItemSchema = z.strictObject({ connectionId: id, proxyId: id })
export const targetItemSchema = z.strictObject({ target: pastedTargetSchema, label: z.string().max(300).optional() })
export const healthItemSchema = z.union([accountProxyItemSchema, targetItemSchema], {
  error: () => 'must be { connectionId, proxyId } or { target }',
})
export type HealthItem = z.output<typeof healthItemSchema>

/**
 * The key results and history are kept under: the proxy id, or `protocol://[user@]host:port` for a pasted line
 * (`[user@]host:port` when the line did not say its protocol).
 */
export function healthItemKey(item: HealthItem): string {
  if ('proxyId' in item) return item.proxyId
  return targetKey(item.target)
}

export function targetKey(target: PastedTarget): string {
  const user = target.username ? `${target.username}@` : ''
  const host = target.host.includes(':') ? `[${target.host}]` : target.host
  return target.protocol === 'auto' ? `${user}${host}:${target.port}` : `${target.protocol}://${user}${host}:${target.port}`
}

/**
 * The target as a proxy URL, `socks5://login:password@host:port` (login and password percent-encoded, as in the
 * exports' url format): the one line form that keeps the protocol and takes any password.
 */
export function targetUrl(target: HealthTarget): string {
  const auth = target.username ? `${encodeUserinfo(target.username)}:${encodeUserinfo(target.password ?? '')}@` : ''
  const host = target.host.includes(':') ? `[${target.host}]` : target.host
  return `${target.protocol}://${auth}${host}:${target.port}`
}

/**
 * A checked pasted target as a proxy URL: with its own protocol, or the one its check detected (what "Copy working
 * proxies" writes). Undefined while the protocol is unknown.
 */
export function checkedTargetUrl(target: PastedTarget, result: Pick<HealthCheckResult, 'detectedProtocol'>): string | undefined {
  const protocol = target.protocol === 'auto' ? result.detectedProtocol : target.protocol
  return protocol ? targetUrl({ ...target, protocol }) : undefined
}

/** One checked item, as results travel to the page (never with a password). */
export interface HealthItemResult {
  key: string
  /** What to show for it: `host:port` and the login, or the pasted line's label. */
  label: string
  connectionId?: string
  proxyId?: string
  result: HealthCheckResult
}

export type HealthCounts = Record<HealthStatus, number>

export interface HealthProgress {
  batchId: string
  total: number
  done: number
  counts: HealthCounts
  /** Results that finished since the previous event of this batch. */
  results: HealthItemResult[]
  finished: boolean
}

export interface HealthBatchStarted {
  batchId: string
  total: number
}

/** One stored check, kept per proxy (last HEALTH_HISTORY_LIMIT). */
export type HealthHistoryEntry = Pick<HealthCheckResult, 'status' | 'exitIp' | 'checkedAt' | 'ipMismatch'> & {
  totalMs: number
  country?: string
}
export const HEALTH_HISTORY_LIMIT = 20

export interface ParsedListLine {
  lineNumber: number
  /** What to show for it: `protocol://login@host:port`, or `login@host:port` for `auto` (never the password). */
  label: string
  target: PastedTarget
  /** True when the line did not say http or socks5 (its protocol is the chosen default, `auto` unless told). */
  protocolAssumed: boolean
}

/** What `health.openListFile` read: nothing when the user cancelled the dialog. */
export type OpenedListFile = { cancelled: true } | { cancelled: false; name: string; text: string }

export interface RejectedListLine {
  lineNumber: number
  /** The line as it was written, its password replaced by `***`. */
  line: string
  /** A stable code (proxy-list/types.ts's RejectReason) the page translates. */
  code: string
  /** The reason in English. */
  reason: string
}

export interface ParsedList {
  items: ParsedListLine[]
  rejected: RejectedListLine[]
}

export const ROTATE_STATUSES = ['changed', 'timeout', 'no_proxy', 'check_failed', 'command_failed', 'cancelled'] as const
export type RotateStatus = (typeof ROTATE_STATUSES)[number]

export interface RotateVerifyResult {
  connectionId: string
  proxyId?: string
  ok: boolean
  status: RotateStatus
  /** One line a person can read: what happened, or what went wrong. */
  message: string
  oldIp?: string
  newIp?: string
  /** On a timeout: the last exit IP seen before giving up (the old one, or a new one used too recently). */
  lastIp?: string
  /** From the command being sent to the new IP being seen (or to giving up). */
  seconds: number
  /** Checks made after the command. */
  attempts: number
  /** True when the connection waits for an IP not seen recently (ip_change_wait_unique). */
  waitedUnique?: boolean
}

export interface HealthSettings {
  /** Tried in order; the first that answers is used. */
  echoUrls: string[]
  timeoutMs: number
  concurrency: number
  /** Download used for the optional throughput figure. */
  throughputUrl: string
  throughputSeconds: number
}

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = {
  echoUrls: ['https://api.ipify.org?format=json', 'https://ipinfo.io/json', 'http://ip-api.com/json'],
  timeoutMs: 10_000,
  concurrency: 50,
  throughputUrl: 'https://speed.cloudflare.com/__down?bytes=25000000',
  throughputSeconds: 5,
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2048)

export const healthSettingsUpdateSchema = z.strictObject({
  echoUrls: z.array(httpUrl).min(1, 'must list at least one address').max(10).optional(),
  timeoutMs: z.number().int().min(1_000, 'must be at least 1 second').max(120_000, 'must be at most 120 seconds').optional(),
  concurrency: z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').optional(),
  throughputUrl: httpUrl.optional(),
  throughputSeconds: z.number().int().min(1).max(60).optional(),
})

export function emptyCounts(): HealthCounts {
  return Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as HealthCounts
}
