/**
 * Fleet history (the SQLite database in main/history): the records main writes and the shapes its queries return,
 * for the board, a connection's History tab, the IP-reuse view and `iproxy history` / `iproxy ips`.
 *
 * Every time here is a number: milliseconds since the Unix epoch (UTC). Charts and "how long ago" work on numbers,
 * and the database stores them so; the page formats them for the reader's locale.
 */
import { z } from 'zod'

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

/** How long history is kept unless the user says otherwise. */
export const DEFAULT_RETENTION_DAYS = 90
export const MIN_RETENTION_DAYS = 1
export const MAX_RETENTION_DAYS = 3650

/** How far apart two sightings of one exit IP may be on the same connection and still count as a repeat. */
export const DEFAULT_IP_REUSE_WINDOW_MS = DAY_MS

// ---------------------------------------------------------------------------------------------------------
// Records (what main writes)
// ---------------------------------------------------------------------------------------------------------

export const HISTORY_KINDS = ['check', 'status', 'ip', 'action'] as const
export type HistoryKind = (typeof HISTORY_KINDS)[number]

/** Where an exit IP was seen: a proxy check, a change-IP-and-verify, the Console API's IP history, an imported file. */
export const IP_SOURCES = ['check', 'change_ip', 'api', 'import'] as const
export type IpSource = (typeof IP_SOURCES)[number]

export const ACTION_BY = ['user', 'rule'] as const
export type ActionBy = (typeof ACTION_BY)[number]

export const ACTION_OUTCOMES = ['ok', 'failed'] as const
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number]

/**
 * One proxy check to record. A `HealthItemResult` (shared/health) fits as it is: the proxy's key (its id, or a
 * pasted line's `protocol://login@host:port`), its connection when it is an account proxy, and the result.
 */
export interface CheckRecord {
  key: string
  connectionId?: string
  result: {
    status: string
    error?: string
    exitIp?: string
    geo?: { country?: string; asn?: string }
    timings: { connectMs?: number; handshakeMs?: number; firstByteMs?: number; totalMs: number }
    /** ISO 8601 */
    checkedAt: string
    ipMismatch?: boolean
  }
}

/** One connection in a connections-status answer, as the Console API gives it. */
export interface StatusSnapshotEntry {
  connection_id: string
  online_status: string
  /** RFC 3339; when the status last changed, by the API's clock (absent while `nodata`). */
  last_online_status_update?: string
}

/** Something the app did to a connection. */
export interface ActionRecord {
  connectionId: string
  /** `change_ip`, `reboot`, another command's name, `settings`, ... */
  kind: string
  /** What exactly (a command's argument, the settings changed). Secrets are masked before it is stored. */
  detail?: string | Record<string, unknown>
  outcome: ActionOutcome
  /** Why it failed, in words. */
  error?: string
  by: ActionBy
  at?: number
}

// ---------------------------------------------------------------------------------------------------------
// Query results (what the page and the command line read)
// ---------------------------------------------------------------------------------------------------------

export interface LastCheck {
  at: number
  status: string
  ok: boolean
  totalMs: number
  exitIp?: string
  error?: string
}

export interface BoardRow {
  connectionId: string
  name?: string
  /** The last status connections-status gave (online, offline, nodata, flapping), and since when. */
  status?: string
  statusSince?: number
  /** Share of the time online (0–1) over the part of the last 24 h / 7 days the app has seen; absent without data. */
  uptime24h?: number
  uptime7d?: number
  lastCheck?: LastCheck
  /** The latest exit IP seen on the connection from any source (checks, change IP, the API's IP history), and when. */
  exitIp?: { ip: string; lastSeen: number }
  ipChanges24h: number
  /** The exit IP came back on this connection within the reuse window / is in use on another connection too. */
  repeatedIp: boolean
  sharedIp: boolean
}

/** `connectionId` is set in fleet-wide lists (absent for a check of a pasted proxy line). */
export type TimelineEvent = { connectionId?: string } & (
  | { kind: 'status'; at: number; status: string }
  | { kind: 'check'; at: number; proxyKey: string; status: string; ok: boolean; totalMs: number; exitIp?: string; error?: string }
  /** A new exit IP: `at` is when it was first seen in this stretch, `lastSeen` the latest sighting. */
  | { kind: 'ip'; at: number; ip: string; lastSeen: number; sources: IpSource[] }
  /** `runId`: the bulk run or rule run this action was a step of (history.audit has the whole run). */
  | { kind: 'action'; at: number; action: string; detail?: string | Record<string, unknown>; outcome: ActionOutcome; error?: string; by: ActionBy; runId?: string }
)

export interface Timeline {
  /** Newest first. */
  events: TimelineEvent[]
  /** True when there were more events in the range than the limit. */
  truncated: boolean
}

export interface LatencyPoint {
  /** The start of the bucket. */
  at: number
  checks: number
  failures: number
  /** Over the checks that worked; absent when none did. */
  avgMs?: number
  minMs?: number
  maxMs?: number
}

export interface LatencySeries {
  bucketMs: number
  points: LatencyPoint[]
}

export interface ExitIpSummary {
  ip: string
  firstSeen: number
  lastSeen: number
  /** Separate stretches of time this connection had it (more than one = it came back). */
  periods: number
  sightings: number
  sources: IpSource[]
}

export interface IpPeriod {
  firstSeen: number
  lastSeen: number
}

export interface IpReuse {
  ip: string
  /** `shared`: on two or more connections at overlapping times; `repeat`: back on one connection within the window. */
  kind: 'shared' | 'repeat'
  connections: Array<{ connectionId: string; name?: string; periods: IpPeriod[] }>
}

/** One stored check in the shape the health screen's history dots read (as health-history.json kept them). */
export interface StoredCheckEntry {
  status: string
  checkedAt: string
  totalMs: number
  exitIp?: string
  ipMismatch?: boolean
  country?: string
}

/** Told once to the user after a start that could not use the database file as it was. */
export interface HistoryNotice {
  /** corrupt: not a database / damaged; newer: written by a newer version of the app; unavailable: no file could be used. */
  kind: 'corrupt' | 'newer' | 'unavailable'
  /** Where the old file was moved to (absent when it could not be moved). */
  movedTo?: string
  /** English, for the log; the page shows its own words for `kind`. */
  message: string
}

// ---------------------------------------------------------------------------------------------------------
// Query inputs (for the contract and the command line)
// ---------------------------------------------------------------------------------------------------------

const id = z.string().min(1, 'is required').max(128)
const time = z.number().int('must be a whole number').min(0, 'must not be negative')

export const historyRangeSchema = z
  .strictObject({ from: time, to: time })
  .refine((range) => range.from <= range.to, { message: 'from must not be after to', path: ['from'], params: { id: 'range_order' } })
export type HistoryRange = z.output<typeof historyRangeSchema>

export const timelineQuerySchema = z.strictObject({
  connectionId: id.optional(),
  from: time,
  to: time,
  kinds: z.array(z.enum(HISTORY_KINDS)).min(1).max(HISTORY_KINDS.length).optional(),
  limit: z.number().int().min(1).max(20_000).optional(),
})
export type TimelineQuery = z.output<typeof timelineQuerySchema>

export const latencyQuerySchema = z.strictObject({
  connectionId: id,
  from: time,
  to: time,
  /** The most points wanted; checks are averaged into buckets to fit. */
  maxPoints: z.number().int().min(1).max(10_000).optional(),
})
export type LatencyQuery = z.output<typeof latencyQuerySchema>

export const ipReuseQuerySchema = z.strictObject({
  /** How long back to look, and how far apart two sightings on one connection may be. */
  windowMs: z.number().int().min(60_000).max(366 * DAY_MS).optional(),
})
export type IpReuseQuery = z.output<typeof ipReuseQuerySchema>

export const retentionDaysSchema = z
  .number()
  .int('must be a whole number of days')
  .min(MIN_RETENTION_DAYS, `must be at least ${MIN_RETENTION_DAYS} day`)
  .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`)
