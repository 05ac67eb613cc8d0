import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useShallow } from 'zustand/react/shallow'
import { checkedTargetUrl, type HealthItemResult } from '../../../../shared/health'
import { useHealthStore, type BatchState } from '../../stores/health'
import { CheckButton } from './CheckButton'
import { BatchProgress, useBatchTitle } from './BatchProgress'
import { HealthResultCell } from './HealthResultCell'
import { DetectedProtocol } from './DetectedProtocol'
import { localTimeText, TIME_OF_DAY, utcText } from '../../ui/time-text'
import { PastedListDialog, useRejectReason } from './PastedListDialog'
import { HealthSettingsForm } from './HealthSettingsForm'
import { CopyButton } from '../../ui/CopyButton'
import './health.css'
import { proxyStore } from '../../stores/proxies'

const ROW_HEIGHT = 34

/** A batch's results, virtualized (a pasted list can hold thousands of lines). */
function BatchResults({ results, label }: { results: HealthItemResult[]; label: string }) {
  const { t } = useTranslation()
  const parent = useRef<HTMLDivElement>(null)
  // TanStack Virtual's functions cannot be memoized by the React Compiler; this component is skipped on purpose.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: results.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 10 })
  if (results.length === 0) return null
  return (
    <div className="health-results" ref={parent} role="table" aria-label={label} aria-rowcount={results.length + 1}>
      <div className="health-row health-head" role="row">
        <span role="columnheader">{t('health.batches.columns.proxy')}</span>
        <span role="columnheader">{t('health.batches.columns.result')}</span>
      </div>
      <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {rows.getVirtualItems().map((v) => {
          const r = results[v.index] as HealthItemResult
          return (
            <div
              key={`${r.key}-${v.index}`}
              className="health-row"
              role="row"
              aria-rowindex={v.index + 2}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
            >
              <span role="cell" className="health-label" title={r.label}>
                <DetectedProtocol result={r.result} />
                {r.label}
              </span>
              <span role="cell">
                <HealthResultCell itemKey={r.key} />
              </span>
            </div>
          )
        })}
      </div>
    </div>
  )
}

/** For a pasted list: copies the proxies that passed, one URL a line, for the user's other tools. */
function WorkingCopy({ batch }: { batch: BatchState }) {
  const { t } = useTranslation()
  const targets = batch.targets
  if (!targets) return null
  // A line that did not say its protocol is copied with the one its check found (detect-protocol.ts).
  const urls = batch.results.map((r) => {
    const target = targets[r.key]
    return r.result.ok && target ? checkedTargetUrl(target, r.result) : undefined
  })
  const lines = [...new Set(urls.filter((u): u is string => u !== undefined))]
  if (lines.length === 0) return null
  return (
    <p>
      <CopyButton text={`${lines.join('\n')}\n`} label={t('health.batches.copyWorking', { count: lines.length })} />{' '}
      <small className="health-muted">{t('health.batches.copyWorkingHint')}</small>
    </p>
  )
}

function Batch({ batch }: { batch: BatchState }) {
  const { t } = useTranslation()
  const reasonOf = useRejectReason()
  const title = useBatchTitle(batch.title)
  return (
    <section className="health-batch" aria-label={title}>
      <h3>{title}</h3>
      <small className="health-muted" title={utcText(batch.startedAt)}>
        {t('health.batches.started', { time: localTimeText(batch.startedAt, TIME_OF_DAY) })}
      </small>
      <BatchProgress batchId={batch.batchId} />
      {batch.rejected && batch.rejected.length > 0 && (
        <div>
          <strong>{t('health.pasted.rejectedTitle', { count: batch.rejected.length })}</strong>
          <ul className="health-rejected" aria-label={t('health.pasted.rejectedTitle', { count: batch.rejected.length })}>
            {batch.rejected.map((r) => (
              <li key={r.lineNumber}>
                {t('health.pasted.rejectedLine', { line: r.lineNumber, reason: reasonOf(r) })} — <code>{r.line}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <WorkingCopy batch={batch} />
      <BatchResults results={batch.results} label={title} />
    </section>
  )
}

/** The Health section: check a pasted list, see recent batches, and the check settings. */
export function HealthScreen() {
  const { t } = useTranslation()
  const [pasting, setPasting] = useState(false)
  const proxies = proxyStore.useList()
  const accountItems = (proxies.data ?? []).map((p) => ({ connectionId: p.connection_id, proxyId: p.id }))
  const batches = useHealthStore(useShallow((s) => s.batchOrder.map((id) => s.batches[id]).filter((b): b is BatchState => b !== undefined)))
  return (
    <div className="health-screen">
      <p>{t('health.intro')}</p>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setPasting(true)}>
          {t('health.pasted.open')}
        </button>
        {accountItems.length > 0 && (
          <CheckButton
            items={accountItems}
            label={t('health.checkAll', { count: accountItems.length })}
            batchTitle={{ kind: 'allProxies', count: accountItems.length }}
            showProgress={false}
          />
        )}
      </div>
      {pasting && <PastedListDialog onClose={() => setPasting(false)} onStarted={() => {}} />}
      <h2>{t('health.batches.title')}</h2>
      {batches.length === 0 ? <p className="empty-state">{t('health.batches.empty')}</p> : batches.map((b) => <Batch key={b.batchId} batch={b} />)}
      <details>
        <summary>{t('health.settings.title')}</summary>
        <HealthSettingsForm />
      </details>
    </div>
  )
}
