/**
 * The `history` domain of the IPC contract: the fleet history database's reads (the board, a connection's
 * timeline, latency chart and exit IPs, the IP-reuse list), its retention setting, and the one-time notice
 * after a damaged database was replaced. Handled in main/history/calls.ts; the shapes are in shared/history.ts.
 */
import { z } from 'zod'
import {
  DAY_MS,
  ipReuseQuerySchema,
  latencyQuerySchema,
  retentionDaysSchema,
  timelineQuerySchema,
  type BoardRow,
  type ExitIpSummary,
  type HistoryNotice,
  type IpReuse,
  type LatencySeries,
  type Timeline,
} from '../history'
import { auditQuerySchema, type AuditEntry } from '../audit'
import type { Cancelled, SavedTable } from '../exports'
import { call, idSchema, noInput } from './kit'

export const historyContract = {
  calls: {
    /** One row per connection the history knows; `reuseWindowMs` is how close two sightings count as a repeat. */
    board: call<BoardRow[]>()(z.strictObject({ reuseWindowMs: z.number().int().min(60_000).max(366 * DAY_MS).optional() })),
    /** Events newest first, of one connection (`connectionId`) or the fleet, in the range, of the kinds asked. */
    timeline: call<Timeline>()(timelineQuerySchema),
    /** A connection's check latency over the range, averaged into at most `maxPoints` buckets. */
    latency: call<LatencySeries>()(latencyQuerySchema),
    /** A connection's exit IPs with first and last seen, most recent first. */
    exitIps: call<ExitIpSummary[]>()(z.strictObject({ connectionId: idSchema })),
    /** Exit IPs on two connections at once, or back on one connection within the window. */
    ipReuse: call<IpReuse[]>()(ipReuseQuerySchema),
    retention: call<{ days: number }>()(noInput),
    /** Sets how many days of history are kept; older history is pruned in the background. */
    setRetention: call<{ days: number }>()(z.strictObject({ days: retentionDaysSchema })),
    /** What to tell the user once about the database (it was damaged and replaced); null after the first ask. */
    takeNotice: call<HistoryNotice | null>()(noInput),
    /** Bulk runs and rule runs, newest first, each with its steps (of one connection when `connectionId` is given). */
    audit: call<{ entries: AuditEntry[]; truncated: boolean }>()(auditQuerySchema),
    /** The same entries as a CSV file, one row per step: "Save as…" then an atomic write. */
    saveAuditCsv: call<SavedTable | Cancelled>()(auditQuerySchema),
  },
} as const
