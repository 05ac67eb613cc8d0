/**
 * Bulk runs on the page (main/bulk, through `bulk.*`): the runs of this session by id, kept current by the
 * throttled `bulk.progress` event, and the one the results panel shows. A run's answer to `start` and its first
 * progress events can arrive in either order, so a run is only ever replaced by a state at least as far along.
 */
import { create } from 'zustand'
import type { BulkPreview, BulkRun, BulkRunState, BulkStart } from '../../../shared/bulk'
import { getApi } from '../bridge'

interface BulkState {
  runs: Record<string, BulkRun>
  /** The run the results panel shows (the last one started from the bar). */
  shownId?: string
  preview(start: BulkStart): Promise<BulkPreview>
  /** Starts a run and shows it; throws what main refused. */
  start(start: BulkStart): Promise<BulkRun>
  cancel(runId: string): Promise<void>
  /** A new run of the same action on the failed items only; shown in place of the old one. */
  retryFailed(runId: string): Promise<void>
  dismiss(): void
  /** Applies one state of a run (the event and the calls' answers both come here). */
  apply(run: BulkRun): void
}

const FINAL: readonly BulkRunState[] = ['done', 'cancelled']
export const isFinal = (run: BulkRun): boolean => FINAL.includes(run.state)

/** How far a run has got: ended runs are furthest, then the more items settled the further. */
function progressOf(run: BulkRun): number {
  const c = run.counts
  const settled = c.done + c.failed + c.skipped + c.cancelled
  return (isFinal(run) ? 2 : run.state === 'cancelling' ? 1 : 0) * (c.total + 1) + settled
}

/** The state to keep of two of the same run: never one that is behind what the page already shows. */
export function newerRun(known: BulkRun | undefined, next: BulkRun): BulkRun {
  if (!known) return next
  if (isFinal(known) && !isFinal(next)) return known
  return progressOf(next) >= progressOf(known) ? next : known
}

let subscribed = false
function ensureSubscribed(): void {
  if (subscribed) return
  subscribed = true
  getApi().on('bulk.progress', (run) => useBulk.getState().apply(run))
}

export const useBulk = create<BulkState>()((set, get) => ({
  runs: {},
  preview: (start) => getApi().bulk.preview(start),
  async start(start) {
    ensureSubscribed()
    const run = await getApi().bulk.start(start)
    get().apply(run)
    set({ shownId: run.id })
    return run
  },
  async cancel(runId) {
    get().apply(await getApi().bulk.cancel({ runId }))
  },
  async retryFailed(runId) {
    ensureSubscribed()
    const run = await getApi().bulk.retryFailed({ runId })
    get().apply(run)
    set({ shownId: run.id })
  },
  dismiss: () => set({ shownId: undefined }),
  apply(run) {
    set((s) => {
      const kept = newerRun(s.runs[run.id], run)
      return kept === s.runs[run.id] ? s : { runs: { ...s.runs, [run.id]: kept } }
    })
  },
}))

/** The run the results panel shows, if any. */
export const useShownRun = (): BulkRun | undefined => useBulk((s) => (s.shownId ? s.runs[s.shownId] : undefined))
