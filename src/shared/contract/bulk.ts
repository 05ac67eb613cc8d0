/**
 * The `bulk` domain of the IPC contract: one action on many connections (shapes in shared/bulk.ts), handled in
 * main/bulk/calls.ts. A run reports through the `progress` event (throttled) until it ends.
 */
import { z } from 'zod'
import { bulkConcurrencySchema, bulkStartSchema, MAX_SAME_PHONE_GAP_SECONDS, type BulkPreview, type BulkRun } from '../bulk'
import { call, event, idSchema as id, noInput } from './kit'

export interface BulkSettings {
  /** Actions in flight at once (default 5). */
  concurrency: number
  /** Least seconds between two actions on the same phone. */
  samePhoneGapSeconds: number
}

export const bulkSettingsUpdateSchema = z.strictObject({
  concurrency: bulkConcurrencySchema.optional(),
  samePhoneGapSeconds: z.number().int().min(0).max(MAX_SAME_PHONE_GAP_SECONDS).optional(),
})

export const bulkContract = {
  calls: {
    settings: call<BulkSettings>()(noInput),
    updateSettings: call<BulkSettings>()(bulkSettingsUpdateSchema),
    /** What the confirmation says: how many, which, the cap, and the balance where money is spent. Sends nothing. */
    preview: call<BulkPreview>()(bulkStartSchema),
    /** Starts the run and answers at once with its first state; `progress` follows. */
    start: call<BulkRun>()(bulkStartSchema),
    /** No new work starts; calls in flight finish; the rest end as `cancelled`. */
    cancel: call<BulkRun>()(z.strictObject({ runId: id })),
    /** A new run of the same action on the failed items of `runId` only. */
    retryFailed: call<BulkRun>()(z.strictObject({ runId: id })),
    /** Runs of this session, newest first (running ones included). */
    runs: call<BulkRun[]>()(noInput),
  },
  events: {
    /** A run's state, at most ~10 times a second and once when it ends. */
    progress: event<BulkRun>(),
  },
} as const
