/**
 * Bulk runs (shared/bulk.ts): one action on many connections, for the page (calls.ts), the command line
 * (`iproxy bulk`) and rules (`by: 'rule'`). The service checks the input, names the connections from the account's
 * list, starts the run (runner.ts) and keeps it: running runs and the last finished ones, for `runs`, `cancel`
 * and "retry the failed ones". Every run is in the audit trail from its start (AuditWriter).
 */
import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import type { UiLanguage } from '../../shared/bridge'
import { bulkStartSchema, DEFAULT_BULK_CONCURRENCY, MAX_BULK_CONCURRENCY, type BulkAction, type BulkItem, type BulkPreview, type BulkRun, type BulkStart } from '../../shared/bulk'
import type { BulkSettings } from '../../shared/contract/bulk'
import { AppError } from '../app-error'
import { describeIssues } from '../bridge-errors'
import type { IproxyClient } from '../iproxy'
import type { Logger } from '../log'
import { flatSettings } from './connection-actions'
import { startRun, stepName, type RunDeps, type RunHandle } from './runner'
import type { AuditWriter, PhoneGate } from './types'
import { BULK_REASON_CODES, BULK_WORDS } from './words'

export interface BulkServiceOptions {
  actions: RunDeps['actions']
  gate: PhoneGate
  audit?: AuditWriter
  /** The active profile's API client (throws when there is none). */
  client: () => IproxyClient
  settings: () => Promise<BulkSettings>
  /** Every run's progress (the app sends it to the page as `bulk.progress`). */
  emitProgress?: (run: BulkRun) => void
  now?: () => number
  log: Logger
  /** The language of the reasons the runs give themselves (English unless told). */
  language?: () => UiLanguage
  /** Least time between two progress events of a run (100 ms). */
  progressIntervalMs?: number
}

export interface BulkStartOptions {
  by?: 'user' | 'rule'
}

export type BulkService = ReturnType<typeof createBulkService>

/** Finished runs kept for `runs` and "retry the failed ones". */
export const KEPT_FINISHED_RUNS = 20

/** iProxy's balance is in US dollars; the API gives the amount alone. */
const BALANCE_CURRENCY = 'USD'

export function createBulkService(options: BulkServiceOptions) {
  const now = options.now ?? Date.now
  const words = () => BULK_WORDS[options.language?.() ?? 'en']
  const runs = new Map<string, RunHandle>()
  const listeners = new Set<(run: BulkRun) => void>()
  const stop = new AbortController()
  // Every call in flight of every run listens to it (up to the cap per run): no leak, however many.
  setMaxListeners(0, stop.signal)

  const publish = (run: BulkRun) => {
    for (const listener of [options.emitProgress, ...listeners]) {
      try {
        listener?.(run)
      } catch (err) {
        options.log('a bulk progress listener failed', err)
      }
    }
  }

  function parse(input: BulkStart): BulkStart {
    const parsed = bulkStartSchema.safeParse(input)
    if (parsed.success) return parsed.data
    const issues = describeIssues(parsed.error)
    throw new AppError('validation', `Invalid bulk run: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { field: issues[0]?.field, issues })
  }

  async function concurrencyOf(input: BulkStart): Promise<number> {
    const chosen = input.concurrency ?? (await options.settings()).concurrency ?? DEFAULT_BULK_CONCURRENCY
    return Math.min(MAX_BULK_CONCURRENCY, Math.max(1, Math.floor(chosen)))
  }

  /** The ids asked for, once each and in order, split into the account's (with names) and the unknown. */
  async function resolve(ids: readonly string[]): Promise<{ known: Array<{ id: string; name: string }>; unknown: string[] }> {
    const names = new Map((await options.client().connections.list()).map((c) => [c.id, c.basic_info.name]))
    const known: Array<{ id: string; name: string }> = []
    const unknown: string[] = []
    for (const id of new Set(ids)) {
      const name = names.get(id)
      if (name === undefined) unknown.push(id)
      else known.push({ id, name })
    }
    return { known, unknown }
  }

  function keepRecent(): void {
    const finished = [...runs.values()].map((r) => r.snapshot()).filter((r) => r.endedAt !== undefined)
    finished.sort((a, b) => b.endedAt! - a.endedAt!)
    for (const old of finished.slice(KEPT_FINISHED_RUNS)) runs.delete(old.id)
  }

  function handleOf(runId: string): RunHandle {
    const run = runs.get(runId)
    if (!run) throw new AppError('not_found', 'There is no such bulk run: it ended long ago or the app was restarted.', { runId })
    return run
  }

  async function begin(input: BulkStart, by: 'user' | 'rule', retryOf?: string): Promise<BulkRun> {
    if (stop.signal.aborted) throw new AppError('app_closing', 'The app is closing: no new bulk run starts.')
    const [{ known, unknown }, concurrency] = await Promise.all([resolve(input.connectionIds), concurrencyOf(input)])
    const id = randomUUID()
    const items: BulkItem[] = [
      ...known.map((c): BulkItem => ({ connectionId: c.id, name: c.name, state: 'pending' })),
      ...unknown.map((cid): BulkItem => ({ connectionId: cid, name: cid, state: 'skipped', reason: words().noSuchConnection, code: BULK_REASON_CODES.noSuchConnection })),
    ]
    // Ids the account does not have are named in the run, not in the history (which keeps connections it knows).
    options.audit?.startRun({
      id,
      kind: 'bulk',
      by,
      title: stepName(input.action),
      startedAt: now(),
      detail: {
        ...actionDetail(input.action),
        connections: known.length,
        concurrency,
        ...(unknown.length > 0 ? { unknownConnections: unknown.length } : {}),
        ...(retryOf ? { retryOf } : {}),
      },
    })
    const handle = startRun(
      { id, action: input.action, by, concurrency, ...(retryOf ? { retryOf } : {}), items },
      {
        actions: options.actions,
        gate: options.gate,
        ...(options.audit ? { audit: options.audit } : {}),
        now,
        log: options.log,
        publish: (run, final) => {
          if (final) keepRecent()
          publish(run)
        },
        progressIntervalMs: options.progressIntervalMs ?? 100,
        stopSignal: stop.signal,
        cancelledReason: () => words().cancelled,
      },
    )
    runs.set(id, handle)
    return handle.snapshot()
  }

  return {
    /** What the confirmation says: how many, which, the cap, and the balance where money is spent. Sends nothing. */
    async preview(raw: BulkStart): Promise<BulkPreview> {
      const input = parse(raw)
      const [{ known, unknown }, concurrency, me] = await Promise.all([
        resolve(input.connectionIds),
        concurrencyOf(input),
        input.action.kind === 'prolong' ? options.client().me.get() : undefined,
      ])
      const amount = me ? Number.parseFloat(me.balance) : Number.NaN
      return {
        count: known.length,
        names: known.map((c) => c.name),
        unknownIds: unknown,
        concurrency,
        ...(Number.isFinite(amount) ? { balance: { amount, currency: BALANCE_CURRENCY } } : {}),
      }
    },

    /** Starts the run and answers at once with its first state; progress follows. */
    async start(raw: BulkStart, opts: BulkStartOptions = {}): Promise<BulkRun> {
      return begin(parse(raw), opts.by ?? 'user')
    },

    /** Resolves with the run's last state when it has ended. */
    async done(runId: string): Promise<BulkRun> {
      return handleOf(runId).done
    },

    /** No new work starts; calls in flight finish; the rest end as `cancelled`. */
    cancel(runId: string): BulkRun {
      const handle = handleOf(runId)
      handle.cancel()
      return handle.snapshot()
    },

    /** A new run of the same action on the failed items of `runId` only. */
    async retryFailed(runId: string): Promise<BulkRun> {
      const run = handleOf(runId).snapshot()
      if (run.endedAt === undefined) throw new AppError('still_running', 'This bulk run is still running: retry its failed connections once it has ended.', { runId })
      const failed = run.items.filter((i) => i.state === 'failed').map((i) => i.connectionId)
      if (failed.length === 0) throw new AppError('nothing_to_retry', 'No connection failed in this bulk run: there is nothing to retry.', { runId })
      return begin(parse({ action: run.action, connectionIds: failed, concurrency: run.concurrency }), run.by, runId)
    },

    /** Running and recently finished runs, newest first. */
    runs(): BulkRun[] {
      return [...runs.values()].map((r) => r.snapshot()).sort((a, b) => b.startedAt - a.startedAt)
    },

    onProgress(listener: (run: BulkRun) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    /** The app quits: calls in flight are cancelled, every run ends. */
    async dispose(): Promise<void> {
      stop.abort()
      await Promise.all([...runs.values()].map((r) => r.done.catch(() => undefined)))
    },
  }
}

/** What a run was asked to do, flat (the audit trail's run detail). */
export function actionDetail(action: BulkAction): Record<string, string | number | boolean> {
  switch (action.kind) {
    case 'command':
      return { command: action.command, ...(action.enabled !== undefined ? { enabled: action.enabled } : {}) }
    case 'change_ip_verify':
      return action.timeoutSeconds !== undefined ? { timeoutSeconds: action.timeoutSeconds } : {}
    case 'settings':
      return flatSettings(action.settings)
    case 'prolong':
      return { days: action.days }
    case 'ovpn':
      return { dir: action.dir }
  }
}
