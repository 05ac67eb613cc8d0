/**
 * Proxy health checks in the renderer: the latest result per key (proxy id, or a pasted line's key), the kept
 * history, running and recent batches (fed by `health.progress`), and change-IP-and-verify runs.
 *
 * Components anywhere (the proxies table, a connection's detail, the Health screen) read from here, so a check
 * started in one place shows its result everywhere.
 */
import { create } from 'zustand'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'
import { emptyCounts, healthItemKey } from '../../../shared/health'
import type {
  HealthCounts,
  HealthHistoryEntry,
  HealthItem,
  HealthItemResult,
  HealthProgress,
  PastedTarget,
  RejectedListLine,
  RotateVerifyResult,
} from '../../../shared/health'

/**
 * What a batch checks, kept as a code and its count rather than as text: its title is written at render time, in
 * the language shown then (BatchProgress.tsx's useBatchTitle), so switching language rewrites it.
 */
export type BatchKind = 'allProxies' | 'pastedList' | 'selection' | 'connectionProxies'
export interface BatchTitle {
  kind: BatchKind
  count: number
}

export interface BatchState {
  batchId: string
  total: number
  done: number
  counts: HealthCounts
  finished: boolean
  cancelling: boolean
  startedAt: number
  /** What the batch checks, for its title on the Health screen ("Pasted list (3)"). */
  title: BatchTitle
  /** Every result of the batch, in arrival order. */
  results: HealthItemResult[]
  /** For a pasted list: the lines that could not be read. */
  rejected?: RejectedListLine[]
  /** For a pasted list: each line's proxy by key, so the working ones can be copied out. */
  targets?: Record<string, PastedTarget>
}

/** Recent batches kept in memory for the Health screen. */
const RECENT_BATCHES = 5

interface HealthState {
  results: Record<string, HealthItemResult>
  history: Record<string, HealthHistoryEntry[]>
  /** Keys being checked right now (single checks and batch members not finished yet). */
  checking: Record<string, true>
  batches: Record<string, BatchState>
  /** Newest first. */
  batchOrder: string[]
  /** Errors of the last single check per key (the call itself failed, e.g. no profile). */
  callErrors: Record<string, string>
  rotations: Record<string, RotateVerifyResult>
  rotating: Record<string, true>

  checkOne(item: HealthItem, options?: { throughput?: boolean }): Promise<HealthItemResult | undefined>
  checkMany(items: HealthItem[], title: BatchTitle, rejected?: RejectedListLine[]): Promise<string>
  cancel(batchId: string): Promise<void>
  requestHistory(key: string): void
  /** Changes IP and verifies; `runId` (the caller's) lets `cancelRotate` stop it while it runs. */
  rotate(connectionIds: string[], proxyId?: string, runId?: string): Promise<RotateVerifyResult[]>
  cancelRotate(runId: string): Promise<void>
  /** Applies one progress event (exported for tests; the subscription calls it). */
  applyProgress(p: HealthProgress): void
}

let subscribed = false
function ensureSubscribed(apply: (p: HealthProgress) => void): void {
  if (subscribed) return
  subscribed = true
  getApi().on('health.progress', apply)
}

const historyWanted = new Set<string>()
let historyTimer: ReturnType<typeof setTimeout> | undefined

export const useHealthStore = create<HealthState>()((set, get) => {
  const applyProgress = (p: HealthProgress) => {
    set((s) => {
      const prev = s.batches[p.batchId]
      const results = { ...s.results }
      const checking = { ...s.checking }
      for (const r of p.results) {
        if (r.result.status !== 'cancelled' || !results[r.key]) results[r.key] = r
        delete checking[r.key]
      }
      const batch: BatchState = {
        batchId: p.batchId,
        total: p.total,
        done: p.done,
        counts: p.counts,
        finished: p.finished,
        cancelling: prev?.cancelling ?? false,
        startedAt: prev?.startedAt ?? Date.now(),
        title: prev?.title ?? { kind: 'selection', count: p.total },
        results: [...(prev?.results ?? []), ...p.results],
        ...(prev?.rejected ? { rejected: prev.rejected } : {}),
        ...(prev?.targets ? { targets: prev.targets } : {}),
      }
      if (p.finished && prev) {
        // Anything of this batch still marked as checking (should not happen) is released.
        for (const r of prev.results) delete checking[r.key]
      }
      return { results, checking, batches: { ...s.batches, [p.batchId]: batch } }
    })
    if (p.results.length > 0) {
      // History grows with each check: refresh what is shown for these keys.
      for (const r of p.results) if (get().history[r.key]) get().requestHistory(r.key)
    }
  }

  return {
    results: {},
    history: {},
    checking: {},
    batches: {},
    batchOrder: [],
    callErrors: {},
    rotations: {},
    rotating: {},

    async checkOne(item, options) {
      ensureSubscribed(applyProgress)
      const key = healthItemKey(item)
      set((s) => ({ checking: { ...s.checking, [key]: true } }))
      try {
        const result = await getApi().health.check({ item, ...(options?.throughput ? { throughput: true } : {}) })
        set((s) => {
          const checking = { ...s.checking }
          delete checking[key]
          const callErrors = { ...s.callErrors }
          delete callErrors[key]
          return { results: { ...s.results, [key]: result }, checking, callErrors }
        })
        get().requestHistory(key)
        return result
      } catch (err) {
        set((s) => {
          const checking = { ...s.checking }
          delete checking[key]
          // Translated by the error's code where the catalogue has it (ui/error-message.ts).
          return { checking, callErrors: { ...s.callErrors, [key]: errorMessage(err) } }
        })
        return undefined
      }
    },

    async checkMany(items, title, rejected) {
      ensureSubscribed(applyProgress)
      const keys = items.map(healthItemKey)
      const targets: Record<string, PastedTarget> = {}
      items.forEach((item, i) => {
        if ('target' in item) targets[keys[i] as string] = item.target
      })
      const kept = Object.keys(targets).length > 0 ? { targets } : {}
      set((s) => {
        const checking = { ...s.checking }
        for (const k of keys) checking[k] = true
        return { checking }
      })
      try {
        const { batchId, total } = await getApi().health.checkMany({ items })
        set((s) => {
          const existing = s.batches[batchId]
          const batch: BatchState = existing
            ? { ...existing, title, ...(rejected ? { rejected } : {}), ...kept }
            : { batchId, total, done: 0, counts: emptyCounts(), finished: false, cancelling: false, startedAt: Date.now(), title, results: [], ...(rejected ? { rejected } : {}), ...kept }
          const batchOrder = [batchId, ...s.batchOrder.filter((id) => id !== batchId)]
          const batches = { ...s.batches, [batchId]: batch }
          for (const old of batchOrder.slice(RECENT_BATCHES)) delete batches[old]
          return { batches, batchOrder: batchOrder.slice(0, RECENT_BATCHES) }
        })
        return batchId
      } catch (err) {
        set((s) => {
          const checking = { ...s.checking }
          for (const k of keys) delete checking[k]
          return { checking }
        })
        throw err
      }
    },

    async cancel(batchId) {
      set((s) => {
        const b = s.batches[batchId]
        return b ? { batches: { ...s.batches, [batchId]: { ...b, cancelling: true } } } : {}
      })
      await getApi().health.cancel({ batchId })
    },

    requestHistory(key) {
      historyWanted.add(key)
      if (historyTimer) return
      historyTimer = setTimeout(() => {
        historyTimer = undefined
        const keys = [...historyWanted]
        historyWanted.clear()
        getApi()
          .health.history({ keys })
          .then((found) => set((s) => ({ history: { ...s.history, ...found } })))
          .catch(() => {
            // History is a nicety next to the result itself: a failure leaves the last one shown.
          })
      }, 50)
    },

    async rotate(connectionIds, proxyId, runId) {
      set((s) => {
        const rotating = { ...s.rotating }
        for (const id of connectionIds) rotating[id] = true
        return { rotating }
      })
      try {
        const results = await getApi().health.rotateAndVerify({ connectionIds, ...(proxyId ? { proxyId } : {}), ...(runId ? { runId } : {}) })
        set((s) => {
          const rotations = { ...s.rotations }
          for (const r of results) rotations[r.connectionId] = r
          return { rotations }
        })
        return results
      } finally {
        set((s) => {
          const rotating = { ...s.rotating }
          for (const id of connectionIds) delete rotating[id]
          return { rotating }
        })
      }
    },

    async cancelRotate(runId) {
      // The run answers with its results (the connections not done as `cancelled`) through `rotate`.
      await getApi().health.cancelRotate({ runId })
    },

    applyProgress,
  }
})
