/**
 * One bulk run: its items worked through by at most `concurrency` workers, each item through the phone gate
 * (`waiting` while another action holds the phone or the gap since its last one has not passed), then one call of
 * ConnectionActions. Every item's end goes into the audit trail as a step of the run, and the run's state goes out
 * as progress, at most every `progressIntervalMs` plus once at the end.
 *
 * Cancel: no new work starts (items not started end `cancelled`, one waiting at the gate too); calls in flight
 * finish and keep their results. Only `stop` (the app quitting) aborts calls in flight.
 */
import { setMaxListeners } from 'node:events'
import type { AuditStep, AuditStepOutcome } from '../../shared/audit'
import type { BulkAction, BulkCounts, BulkItem, BulkRun } from '../../shared/bulk'
import { toBridgeError } from '../bridge-errors'
import type { Logger } from '../log'
import type { AuditWriter, ConnectionActions, PhoneGate, StepOutcome } from './types'

export interface RunDeps {
  actions: ConnectionActions
  gate: PhoneGate
  audit?: AuditWriter
  now: () => number
  log: Logger
  /** The run's state, throttled; `final` once, when it has ended. */
  publish(run: BulkRun, final: boolean): void
  progressIntervalMs: number
  /** Aborted when the service stops (the app quits): calls in flight are cancelled then, and only then. */
  stopSignal: AbortSignal
  cancelledReason: () => string
}

export interface RunInit {
  id: string
  action: BulkAction
  by: 'user' | 'rule'
  concurrency: number
  retryOf?: string
  /** `pending`, or `skipped` already (the connection is not in the account). */
  items: BulkItem[]
}

export interface RunHandle {
  readonly id: string
  snapshot(): BulkRun
  cancel(): void
  readonly done: Promise<BulkRun>
}

/** How far down the queue a free worker looks for a phone that is free now before it waits for the first one. */
const LOOK_AHEAD = 256

/** A step's name in the audit trail: a command's own name, else the action's kind. */
export function stepName(action: BulkAction): string {
  return action.kind === 'command' ? action.command : action.kind
}

export function startRun(init: RunInit, deps: RunDeps): RunHandle {
  const items = init.items
  const startedAt = deps.now()
  let state: BulkRun['state'] = 'running'
  let endedAt: number | undefined
  const cancelController = new AbortController()
  // Each worker waiting at the gate listens to it (up to the cap, 50).
  setMaxListeners(0, cancelController.signal)
  // Linked to the stop signal: a stop also ends waiting at the gate.
  const onStop = () => cancel()
  deps.stopSignal.addEventListener('abort', onStop, { once: true })
  const queue: number[] = []
  items.forEach((item, index) => {
    if (item.state === 'pending') queue.push(index)
  })
  const step = stepName(init.action)

  const snapshot = (): BulkRun => ({
    id: init.id,
    action: init.action,
    by: init.by,
    state,
    concurrency: init.concurrency,
    startedAt,
    ...(endedAt !== undefined ? { endedAt } : {}),
    ...(init.retryOf !== undefined ? { retryOf: init.retryOf } : {}),
    items: items.map((item) => ({ ...item })),
    counts: countsOf(items),
  })

  let timer: NodeJS.Timeout | undefined
  let lastPublish = 0
  const publishNow = (final: boolean) => {
    clearTimeout(timer)
    timer = undefined
    lastPublish = deps.now()
    try {
      deps.publish(snapshot(), final)
    } catch (err) {
      deps.log('could not send bulk progress', err)
    }
  }
  const changed = () => {
    if (timer || endedAt !== undefined) return
    timer = setTimeout(() => publishNow(false), Math.max(0, lastPublish + deps.progressIntervalMs - deps.now()))
  }

  /** The item's end: its state, and its step in the audit trail. */
  const finish = (item: BulkItem, outcome: StepOutcome | { outcome: 'cancelled'; reason: string; code: string }) => {
    item.state = outcome.outcome === 'ok' ? 'done' : outcome.outcome
    item.endedAt = deps.now()
    if (outcome.reason !== undefined) item.reason = outcome.reason
    if (outcome.code !== undefined) item.code = outcome.code
    if ('detail' in outcome && outcome.detail) item.detail = outcome.detail
    const audited: AuditStep = {
      connectionId: item.connectionId,
      connectionName: item.name,
      step,
      at: item.startedAt ?? item.endedAt,
      endedAt: item.endedAt,
      outcome: outcome.outcome as AuditStepOutcome,
      ...(item.reason !== undefined ? { error: item.reason } : {}),
      ...(item.detail ? { detail: item.detail } : {}),
    }
    deps.audit?.step(init.id, audited)
    changed()
  }
  const cancelledOutcome = () => ({ outcome: 'cancelled' as const, reason: deps.cancelledReason(), code: 'cancelled' })

  /** The next item to work on: the first whose phone is free now, else the first in line (to wait for). */
  const pick = (): { index: number; release?: () => void } | undefined => {
    const ahead = Math.min(queue.length, LOOK_AHEAD)
    for (let k = 0; k < ahead; k++) {
      const index = queue[k]!
      const release = deps.gate.tryAcquire(items[index]!.connectionId)
      if (release) {
        queue.splice(k, 1)
        return { index, release }
      }
    }
    const index = queue.shift()
    return index === undefined ? undefined : { index }
  }

  const worker = async (): Promise<void> => {
    for (;;) {
      if (cancelController.signal.aborted) return
      const picked = pick()
      if (!picked) return
      const item = items[picked.index]!
      let release = picked.release
      if (!release) {
        item.state = 'waiting'
        changed()
        try {
          release = await deps.gate.acquire(item.connectionId, cancelController.signal)
        } catch {
          finish(item, cancelledOutcome())
          continue
        }
      }
      if (cancelController.signal.aborted) {
        release()
        finish(item, cancelledOutcome())
        continue
      }
      item.state = 'running'
      item.startedAt = deps.now()
      changed()
      let outcome: StepOutcome
      try {
        outcome = await deps.actions.run(init.action, item.connectionId, deps.stopSignal, { by: init.by, runId: init.id })
      } catch (err) {
        // ConnectionActions never throws; should one, the item still ends with a reason.
        const described = toBridgeError(err, deps.log)
        outcome = { outcome: 'failed', reason: described.message, code: described.code }
      } finally {
        release()
      }
      finish(item, outcome)
    }
  }

  function cancel(): void {
    if (endedAt !== undefined || cancelController.signal.aborted) return
    cancelController.abort()
    for (const index of queue.splice(0)) finish(items[index]!, cancelledOutcome())
    if (items.some((i) => i.state === 'running' || i.state === 'waiting')) state = 'cancelling'
    changed()
  }

  const workers = Array.from({ length: Math.max(1, Math.min(init.concurrency, queue.length)) }, worker)
  const done = Promise.all(workers).then(() => {
    deps.stopSignal.removeEventListener('abort', onStop)
    state = cancelController.signal.aborted ? 'cancelled' : 'done'
    endedAt = deps.now()
    deps.audit?.endRun(init.id, auditOutcome(state, items), endedAt)
    publishNow(true)
    return snapshot()
  })
  changed()

  return { id: init.id, snapshot, cancel, done }
}

export function countsOf(items: readonly BulkItem[]): BulkCounts {
  const counts: BulkCounts = { total: items.length, pending: 0, running: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 }
  for (const item of items) {
    // `waiting` is not started yet: counted with the pending ones.
    if (item.state === 'waiting') counts.pending++
    else counts[item.state]++
  }
  return counts
}

/** `done` when every item worked, `failed` when none did, `partial` between; `cancelled` when it was. */
function auditOutcome(state: BulkRun['state'], items: readonly BulkItem[]): 'done' | 'partial' | 'failed' | 'cancelled' {
  if (state === 'cancelled') return 'cancelled'
  const ok = items.filter((i) => i.state === 'done').length
  return ok === items.length ? 'done' : ok === 0 ? 'failed' : 'partial'
}
