import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getApi } from '../../bridge'
import { useConnectionsView } from '../../stores/connections-view'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { errorMessage } from '../../ui/error-message'
import { CheckButton, ExportProxiesButton, RotateVerifyButton } from '../../ui/lazy-parts'

const BatchProgress = lazy(() => import('../health/BatchProgress').then((m) => ({ default: m.BatchProgress })))

type BulkAction = 'changeip' | 'reboot'

interface Outcome {
  id: string
  name: string
  ok: boolean
  reason?: string
}

interface Run {
  action: BulkAction
  running: boolean
  outcomes: Outcome[]
}

/** How many commands are in flight at once: a large selection must not flood the API. */
const CONCURRENCY = 4
const NAMES_IN_CONFIRMATION = 10

interface BulkActionsProps {
  profileId: string
  /** The selected connections that still exist, in table order. */
  selection: ReadonlyArray<{ id: string; name: string }>
  /** The proxy accesses of the selected connections (for checking and exporting them). */
  selectionProxies: ReadonlyArray<{ connectionId: string; proxyId: string }>
  /** Called after a run, so the statuses the commands changed are fetched again. */
  onDone(): void
}

/**
 * Change IP and reboot (after confirmation) on every selected connection, with each connection's outcome.
 * The toolbar is always there (its buttons disabled with nothing selected) and the results and check progress
 * float above the list, so the list never jumps when a row is selected or a run reports back.
 */
export function BulkActions({ profileId, selection, selectionProxies, onDone }: BulkActionsProps) {
  const { t } = useTranslation()
  const clear = useConnectionsView((s) => s.patch)
  const [run, setRun] = useState<Run>()
  const [confirmReboot, setConfirmReboot] = useState(false)
  const [checkBatch, setCheckBatch] = useState<string>()
  const actionLabel = (action: BulkAction) => (action === 'changeip' ? t('connections.bulk.changeIp') : t('connections.bulk.reboot'))

  async function start(action: BulkAction) {
    const targets = [...selection]
    const outcomes: Outcome[] = []
    setRun({ action, running: true, outcomes })
    let next = 0
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++] as { id: string; name: string }
        try {
          await getApi().connections.pushCommand({ connId: target.id, body: { action } })
          outcomes.push({ ...target, ok: true })
        } catch (err) {
          outcomes.push({ ...target, ok: false, reason: errorMessage(err) })
        }
        setRun({ action, running: true, outcomes: [...outcomes] })
      }
    }
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker))
    const order = new Map(targets.map((target, index) => [target.id, index]))
    outcomes.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    setRun({ action, running: false, outcomes: [...outcomes] })
    onDone()
  }

  const busy = run?.running ?? false
  const none = selection.length === 0
  const failed = run?.outcomes.filter((o) => !o.ok).length ?? 0
  const names = selection.slice(0, NAMES_IN_CONFIRMATION).map((s) => s.name).join(', ') + (selection.length > NAMES_IN_CONFIRMATION ? ', …' : '')

  return (
    <>
      <div role="toolbar" aria-label={t('connections.bulk.label')} className={`bulk-bar ${none ? 'is-empty' : ''}`}>
        <span className="bulk-count">{none ? t('connections.bulk.none') : t('connections.bulk.selected', { count: selection.length })}</span>
        <button type="button" disabled={busy || none} onClick={() => void start('changeip')}>
          {t('connections.bulk.changeIp')}
        </button>
        <button type="button" className="danger" disabled={busy || none} onClick={() => setConfirmReboot(true)}>
          {t('connections.bulk.reboot')}
        </button>
        <Suspense
          fallback={
            // The same buttons while their code loads, so the toolbar keeps its size (and the list its place).
            <>
              <button type="button" disabled>
                {t('health.rotate.button')}
              </button>
              <button type="button" disabled>
                {t('connections.bulk.checkProxies', { count: selectionProxies.length })}
              </button>
              <button type="button" disabled>
                {t('connections.bulk.exportProxies', { count: selectionProxies.length })}
              </button>
            </>
          }
        >
          <RotateVerifyButton connectionIds={selection.map((s) => s.id)} names={Object.fromEntries(selection.map((s) => [s.id, s.name]))} />
          <CheckButton
            items={[...selectionProxies]}
            label={t('connections.bulk.checkProxies', { count: selectionProxies.length })}
            batchTitle={{ kind: 'connectionProxies', count: selection.length }}
            showProgress={false}
            onBatchStarted={setCheckBatch}
          />
          <ExportProxiesButton proxyIds={selectionProxies.map((p) => p.proxyId)} label={t('connections.bulk.exportProxies', { count: selectionProxies.length })} />
        </Suspense>
        <button type="button" disabled={none} onClick={() => clear(profileId, { selected: new Set() })}>
          {t('connections.bulk.clear')}
        </button>
      </div>
      {(run || checkBatch) && (
        <div className="connections-float bulk-float">
          {checkBatch && (
            <section className="bulk-outcomes" aria-label={t('connections.bulk.checkProgress')}>
              <Suspense fallback={null}>
                <BatchProgress batchId={checkBatch} />
              </Suspense>
              <button type="button" onClick={() => setCheckBatch(undefined)}>
                {t('connections.bulk.dismiss')}
              </button>
            </section>
          )}
          {run && (
            <section className="bulk-outcomes" aria-label={t('connections.bulk.outcomes', { action: actionLabel(run.action) })}>
              <p role="status">
                {run.running
                  ? t('connections.bulk.running', { action: actionLabel(run.action) })
                  : t('connections.bulk.summary', { ok: run.outcomes.length - failed, failed })}
              </p>
              <ul>
                {run.outcomes.map((o) => (
                  <li key={o.id} className={o.ok ? 'outcome-ok' : 'outcome-failed'}>
                    {o.name}: {o.ok ? t('connections.bulk.sent') : t('connections.bulk.failed', { reason: o.reason ?? '' })}
                  </li>
                ))}
              </ul>
              {!run.running && (
                <button type="button" onClick={() => setRun(undefined)}>
                  {t('connections.bulk.dismiss')}
                </button>
              )}
            </section>
          )}
        </div>
      )}
      {confirmReboot && (
        <ConfirmDialog
          title={t('connections.bulk.rebootTitle', { count: selection.length })}
          body={t('connections.bulk.rebootBody', { names })}
          confirmLabel={t('connections.bulk.rebootConfirm')}
          onClose={() => setConfirmReboot(false)}
          onConfirm={async () => {
            void start('reboot')
          }}
        />
      )}
    </>
  )
}
