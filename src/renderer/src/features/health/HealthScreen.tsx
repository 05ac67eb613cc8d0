import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useShallow } from 'zustand/react/shallow'
import { checkedTargetUrl, type HealthItemResult } from '../../../../shared/health'
import { useHealthStore, type BatchState } from '../../stores/health'
import { CheckButton } from './CheckButton'
import { BatchProgress, useBatchTitle } from './BatchProgress'
import { HealthMessage, HealthResultCell, HealthTrend } from './HealthResultCell'
import type { GridColumn } from '../../ui/VirtualGrid'
import { VirtualGrid } from '../../ui/VirtualGrid'
import { DetectedProtocol } from './DetectedProtocol'
import { localTimeText, TIME_OF_DAY, utcText } from '../../ui/time-text'
import { PastedListDialog, useRejectReason } from './PastedListDialog'
import { HealthSettingsForm } from './HealthSettingsForm'
import { CopyButton } from '../../ui/CopyButton'
import './health.css'
import { proxyStore } from '../../stores/proxies'

const ROW_HEIGHT = 36

interface ResultRow {
  result: HealthItemResult
  /** Its place in the batch (a key is unique in a batch; the index keeps React's keys so if one ever is not). */
  index: number
}

/** A batch's columns: the result's message and trend fold away first in a narrow window; the badge opens the whole check. */
function resultColumns(t: TFunction): GridColumn<ResultRow>[] {
  const columns = (id: 'proxy' | 'result' | 'message' | 'trend') => t(`health.batches.columns.${id}`)
  return [
    {
      id: 'proxy',
      label: columns('proxy'),
      width: 'minmax(170px, 2fr)',
      header: true,
      render: ({ result: r }) => (
        <span className="health-label" title={r.label}>
          <DetectedProtocol result={r.result} />
          {r.label}
        </span>
      ),
    },
    { id: 'result', label: columns('result'), width: 'minmax(230px, 2fr)', render: ({ result: r }) => <HealthResultCell itemKey={r.key} name={r.label} parts="summary" /> },
    { id: 'message', label: columns('message'), width: 'minmax(120px, 2fr)', fold: 'narrow', render: ({ result: r }) => <HealthMessage itemKey={r.key} /> },
    { id: 'trend', label: columns('trend'), width: '84px', fold: 'medium', render: ({ result: r }) => <HealthTrend itemKey={r.key} /> },
  ]
}

/** A batch's results, virtualized (a pasted list can hold thousands of lines). */
function BatchResults({ results, label }: { results: HealthItemResult[]; label: string }) {
  const { t } = useTranslation()
  const columns = useMemo(() => resultColumns(t), [t])
  const rows = useMemo(() => results.map((result, index) => ({ result, index })), [results])
  if (results.length === 0) return null
  return <VirtualGrid label={label} rows={rows} columns={columns} rowId={(row) => `${row.result.key}-${row.index}`} rowHeight={ROW_HEIGHT} fit className="health-results" />
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
