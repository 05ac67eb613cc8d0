/**
 * The live results of the run the bar started: its state and counts, then one row per connection (done, failed
 * with the reason, skipped and why, ...), with Cancel while it runs and "Retry the failed ones" once it has ended
 * with failures. The rows are a virtual grid, so 500 connections updating ten times a second render only the rows
 * in view; the spoken status changes at most once a second while the run goes on, and at once when it ends.
 */
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BulkItem, BulkRun } from '../../../../shared/bulk'
import { isFinal, useBulk, useShownRun } from '../../stores/bulk'
import { errorMessage } from '../../ui/error-message'
import { VirtualGrid, type GridColumn } from '../../ui/VirtualGrid'
import { actionText, itemDetail, runStatusText } from './bulk-text'
import './bulk.css'

/** `value`, but changing at most once per `ms` while `now` is false. */
function useThrottled<T>(value: T, ms: number, now: boolean): T {
  const [shown, setShown] = useState(value)
  const [last, setLast] = useState(0)
  useEffect(() => {
    if (Object.is(value, shown)) return
    const wait = now ? 0 : Math.max(0, last + ms - Date.now())
    const timer = setTimeout(() => {
      setShown(value)
      setLast(Date.now())
    }, wait)
    return () => clearTimeout(timer)
  }, [value, shown, last, ms, now])
  return now ? value : shown
}

/** Calls `onEnded` once when the shown run ends (the bar then reloads the statuses the run changed). */
export function BulkResults({ onEnded }: { onEnded(run: BulkRun): void }) {
  const { t } = useTranslation()
  const run = useShownRun()
  const cancel = useBulk((s) => s.cancel)
  const retryFailed = useBulk((s) => s.retryFailed)
  const dismiss = useBulk((s) => s.dismiss)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [listShown, setListShown] = useState(true)
  const gridId = useId()
  const ended = run ? isFinal(run) : false
  const spoken = useThrottled(run ? runStatusText(t, run) : '', 1000, ended)

  const endedId = ended ? run?.id : undefined
  useEffect(() => {
    if (endedId && run) onEnded(run)
    // Once per ended run, not on every re-render of it.
  }, [endedId]) // eslint-disable-line react-hooks/exhaustive-deps

  if (!run) return null
  const action = actionText(t, run.action)
  const c = run.counts
  const columns: GridColumn<BulkItem>[] = [
    { id: 'name', label: t('bulk.results.columns.connection'), width: 'minmax(120px, 1.2fr)', header: true, render: (item) => <span title={item.name}>{item.name}</span> },
    {
      id: 'state',
      label: t('bulk.results.columns.state'),
      width: 'minmax(96px, 0.8fr)',
      render: (item) => <span className={`bulkrun-state bulkrun-state-${item.state}`}>{t(`bulk.state.${item.state}`)}</span>,
    },
    {
      id: 'details',
      label: t('bulk.results.columns.details'),
      width: 'minmax(120px, 2fr)',
      render: (item) => {
        const text = itemDetail(t, item)
        return <span title={text}>{text}</span>
      },
    },
  ]

  async function act(what: () => Promise<void>, failed: string): Promise<void> {
    setBusy(true)
    setError(undefined)
    try {
      await what()
    } catch (err) {
      setError(t(failed as 'bulk.results.cancelFailed', { reason: errorMessage(err) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="bulkrun-panel" aria-label={t('bulk.results.label', { action })}>
      <p role="status" className="bulkrun-status">
        {spoken}
      </p>
      <p className="bulkrun-counts">{t('bulk.results.counts', { done: c.done, failed: c.failed, skipped: c.skipped, cancelled: c.cancelled, left: c.pending + c.running })}</p>
      {listShown && (
        <div id={gridId}>
          <VirtualGrid
            label={t('bulk.results.gridLabel', { action })}
            rows={run.items}
            columns={columns}
            rowId={(item) => item.connectionId}
            rowClassName={(item) => (item.state === 'failed' ? 'bulkrun-row-failed' : undefined)}
            rowHeight={32}
            fit
            className="bulkrun-grid"
          />
        </div>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="toolbar bulkrun-actions">
        {!ended && (
          <button type="button" className="danger" disabled={busy || run.state === 'cancelling'} onClick={() => void act(() => cancel(run.id), 'bulk.results.cancelFailed')}>
            {t('bulk.results.cancel')}
          </button>
        )}
        {ended && c.failed > 0 && (
          <button type="button" className="primary" disabled={busy} onClick={() => void act(() => retryFailed(run.id), 'bulk.results.retryFailed')}>
            {t('bulk.results.retry', { count: c.failed })}
          </button>
        )}
        <button type="button" aria-expanded={listShown} aria-controls={listShown ? gridId : undefined} onClick={() => setListShown(!listShown)}>
          {listShown ? t('bulk.results.hideList') : t('bulk.results.showList')}
        </button>
        {ended && (
          <button type="button" onClick={dismiss}>
            {t('connections.bulk.dismiss')}
          </button>
        )}
      </div>
    </section>
  )
}
