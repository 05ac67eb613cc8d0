/**
 * The `health` domain of the IPC contract: proxy checks, batches, change IP and verify, history, settings, and
 * reading a pasted or opened proxy list. Handled in main/health/calls.ts; the shapes are in shared/health.ts.
 */
import { z } from 'zod'
import {
  MAX_BATCH_ITEMS,
  MAX_LIST_TEXT,
  PROTOCOL_CHOICES,
  healthItemSchema,
  healthSettingsUpdateSchema,
  type HealthBatchStarted,
  type HealthHistoryEntry,
  type HealthItemResult,
  type HealthProgress,
  type HealthSettings,
  type OpenedListFile,
  type ParsedList,
  type RotateVerifyResult,
} from '../health'
import { call, event, idSchema as id } from './kit'

export const healthContract = {
  calls: {
    /** Checks one proxy now; `throughput` adds the download-speed figure. The result is also kept in history. */
    check: call<HealthItemResult>()(z.strictObject({ item: healthItemSchema, throughput: z.boolean().optional() })),
    /** Starts a batch; results arrive through `health.progress`. */
    checkMany: call<HealthBatchStarted>()(
      z.strictObject({
        items: z.array(healthItemSchema).min(1, 'must list at least one proxy').max(MAX_BATCH_ITEMS, 'must list at most 20,000 proxies at a time: check a longer list in parts'),
        concurrency: z.number().int().min(1).max(500).optional(),
      }),
    ),
    /** Stops a batch: in-flight checks are closed, the rest reported as cancelled. False when it had finished. */
    cancel: call<{ cancelled: boolean }>()(z.strictObject({ batchId: id })),
    /**
     * For each connection: reads the exit IP through one of its proxies, sends `changeip`, then checks again until
     * the IP differs (and, with ip_change_wait_unique, is not a recent one) or the time is up.
     */
    rotateAndVerify: call<RotateVerifyResult[]>()(
      z.strictObject({
        connectionIds: z.array(id).min(1, 'must list at least one connection').max(500),
        proxyId: id.optional(),
        timeoutMs: z.number().int().min(5_000).max(600_000).optional(),
        /** A name the page picks for the run, so that `cancelRotate` can stop it while it runs. */
        runId: id.optional(),
      }),
    ),
    /** Stops the run started with `runId`: connections not done yet end as `cancelled`. False when it had finished. */
    cancelRotate: call<{ cancelled: boolean }>()(z.strictObject({ runId: id })),
    /** The last checks kept for each key (proxy id or pasted-line key), newest last. */
    history: call<Record<string, HealthHistoryEntry[]>>()(z.strictObject({ keys: z.array(z.string().min(1).max(600)).max(20_000) })),
    /** Parses pasted proxy lines (any provider's format); passwords in the echoed lines are masked. */
    parseList: call<ParsedList>()(
      z.strictObject({
        text: z.string().max(MAX_LIST_TEXT, 'is too long (at most 5 MB)'),
        /** For lines that do not say (`host:port:login:password`); `auto` (try HTTP, then SOCKS5) when absent. */
        defaultProtocol: z.enum(PROTOCOL_CHOICES).optional(),
      }),
    ),
    /** A native "Open" dialog for a list file; its text (at most MAX_LIST_TEXT bytes, UTF-8), for the pasted-list box. */
    openListFile: call<OpenedListFile>()(z.undefined()),
    settings: call<HealthSettings>()(z.undefined()),
    updateSettings: call<HealthSettings>()(healthSettingsUpdateSchema),
  },
  events: {
    /** A batch's progress, at most ~10 per second per batch; the last one has `finished: true`. */
    progress: event<HealthProgress>(),
  },
} as const
