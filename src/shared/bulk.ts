/**
 * Bulk actions (main/bulk): one action on many connections, with a concurrency cap, live per-connection results,
 * cancel and "retry the failed ones". The page, the command line (`iproxy bulk`) and the rules (shared/rules.ts)
 * all speak these shapes; the IPC calls are in contract/bulk.ts.
 *
 * Times are milliseconds since the Unix epoch (UTC), as in shared/history.ts.
 */
import { z } from 'zod'
import { COMMAND_ACTIONS, prolongatePlanRequestSchema, updateSettingsRequestSchema } from './iproxy'

// ---------------------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------------------

/**
 * What a run does to each connection:
 * - `command`: any seed command (reboot, changeip, refresh, ...); `toggle_proxy` needs `enabled`.
 * - `change_ip_verify`: change IP and prove it through the connection's proxy (health/rotate.ts).
 * - `settings`: any subset of the connection's settings, every field checked against the seed's rules (the
 *   settings schema itself) before a single request is sent.
 * - `prolong`: prolong the active plan by `days` (money is spent: the confirmation shows the balance).
 * - `ovpn`: download the connection's OpenVPN files (decoded, sha1-verified) into `dir`.
 */
export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('command'), command: z.enum(COMMAND_ACTIONS), enabled: z.boolean().optional() }).refine(
    (a) => a.command !== 'toggle_proxy' || a.enabled !== undefined,
    { message: 'toggle_proxy needs enabled: true or false', path: ['enabled'] },
  ),
  z.strictObject({ kind: z.literal('change_ip_verify'), timeoutSeconds: z.number().int().min(10).max(600).optional() }),
  z.strictObject({
    kind: z.literal('settings'),
    settings: updateSettingsRequestSchema.refine((s) => Object.keys(s).length > 0, { message: 'choose at least one setting to apply' }),
  }),
  z.strictObject({ kind: z.literal('prolong'), days: prolongatePlanRequestSchema.shape.days }),
  z.strictObject({ kind: z.literal('ovpn'), dir: z.string().min(1).max(4_096) }),
])
export type BulkAction = z.infer<typeof bulkActionSchema>
export type BulkActionKind = BulkAction['kind']

/** Commands to the API in flight at once, unless the settings say otherwise. */
export const DEFAULT_BULK_CONCURRENCY = 5
export const MAX_BULK_CONCURRENCY = 50
export const bulkConcurrencySchema = z.number().int().min(1).max(MAX_BULK_CONCURRENCY)
/** Two actions on the same phone are at least this far apart (a reboot right after a change of IP is lost). */
export const DEFAULT_SAME_PHONE_GAP_SECONDS = 10
export const MAX_SAME_PHONE_GAP_SECONDS = 600
export const MAX_BULK_CONNECTIONS = 10_000

export const bulkStartSchema = z.strictObject({
  action: bulkActionSchema,
  connectionIds: z.array(z.string().min(1).max(128)).min(1, 'select at least one connection').max(MAX_BULK_CONNECTIONS),
  /** The settings' cap when absent. */
  concurrency: bulkConcurrencySchema.optional(),
})
export type BulkStart = z.infer<typeof bulkStartSchema>

// ---------------------------------------------------------------------------------------------------------
// Runs and their results
// ---------------------------------------------------------------------------------------------------------

/**
 * One connection in a run. `skipped` items were never sent (the connection is gone, has no proxy to verify
 * through, ...); `cancelled` ones had not started when the run was cancelled. `reason` says why in words.
 */
export const BULK_ITEM_STATES = ['pending', 'waiting', 'running', 'done', 'failed', 'skipped', 'cancelled'] as const
export type BulkItemState = (typeof BULK_ITEM_STATES)[number]

export interface BulkItem {
  connectionId: string
  name: string
  state: BulkItemState
  reason?: string
  /** The reason as a code the page words in its language (`errors.<code>`), when it has one. */
  code?: string
  /** What the action found (old and new IP, files written, the plan's new end ...), flat for CSV and history. */
  detail?: Record<string, string | number | boolean>
  startedAt?: number
  endedAt?: number
}

export const BULK_RUN_STATES = ['running', 'cancelling', 'done', 'cancelled'] as const
export type BulkRunState = (typeof BULK_RUN_STATES)[number]

export interface BulkCounts {
  total: number
  pending: number
  running: number
  done: number
  failed: number
  skipped: number
  cancelled: number
}

export interface BulkRun {
  /** The run's id (also the audit trail's). */
  id: string
  action: BulkAction
  /** `user` from the page or the command line; rules run their chains through the same runner as `rule`. */
  by: 'user' | 'rule'
  state: BulkRunState
  concurrency: number
  startedAt: number
  endedAt?: number
  /** The run this one retries the failed items of. */
  retryOf?: string
  items: BulkItem[]
  counts: BulkCounts
}

/** What the confirmation shows before a run starts. */
export interface BulkPreview {
  count: number
  /** The connections' names, in order (the dialog shows the first few). */
  names: string[]
  /** Ids asked for that the account does not have: named, and not run. */
  unknownIds: string[]
  concurrency: number
  /** For `prolong`: the account's balance now (money is spent). */
  balance?: { amount: number; currency: string }
}
