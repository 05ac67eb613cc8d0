import { lazy, Suspense, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useConnectionsView } from '../../stores/connections-view'
import { isFinal, useBulk } from '../../stores/bulk'
import { proxyStore } from '../../stores/proxies'
import { CheckButton, ExportProxiesButton } from '../../ui/lazy-parts'
import { commandChoice, type BulkChoice, type BulkTarget } from '../bulk/bulk-choice'
import { CommandMenu } from '../bulk/CommandMenu'

// The run dialog, the results and the VPN download load on first use, not with the home screen.
const BatchProgress = lazy(() => import('../health/BatchProgress').then((m) => ({ default: m.BatchProgress })))
const BulkRunDialog = lazy(() => import('../bulk/BulkRunDialog').then((m) => ({ default: m.BulkRunDialog })))
const BulkResults = lazy(() => import('../bulk/BulkResults').then((m) => ({ default: m.BulkResults })))
const VpnFilesDialog = lazy(() => import('../bulk/VpnFilesDialog').then((m) => ({ default: m.VpnFilesDialog })))

type Scope = 'selection' | 'shown'

interface BulkActionsProps {
  profileId: string
  /** The selected connections that still exist, in table order. */
  selection: readonly BulkTarget[]
  /** Every connection the board's search and filters show now, in table order. */
  shown: readonly BulkTarget[]
  /** Called when a run ends, so the statuses its commands changed are fetched again. */
  onDone(): void
}

/**
 * The fleet's bulk bar: on the selection or on everything the filter shows, any seed command, change IP and
 * verify, apply settings and prolong, each run by main's bulk runner (a confirmation first, then live results with
 * cancel and "retry the failed ones", each run in the history); and, on the same connections' proxies, check and
 * export, and their VPN files. The bar is always there (disabled with nothing to act on) and the results float
 * above the list, so the list never jumps when a row is selected or a run reports back.
 */
export function BulkActions({ profileId, selection, shown, onDone }: BulkActionsProps) {
  const { t } = useTranslation()
  const clear = useConnectionsView((s) => s.patch)
  const [scope, setScope] = useState<Scope>('selection')
  // The targets are fixed when a dialog opens: a filter typed while it asks changes nothing.
  const [dialog, setDialog] = useState<{ choice: BulkChoice; targets: readonly BulkTarget[] }>()
  const [vpnTargets, setVpnTargets] = useState<readonly BulkTarget[]>()
  const [checkBatch, setCheckBatch] = useState<string>()
  const running = useBulk((s) => (s.shownId && s.runs[s.shownId] ? !isFinal(s.runs[s.shownId]!) : false))
  const hasRun = useBulk((s) => s.shownId !== undefined)
  const proxies = proxyStore.useList()

  const targets = scope === 'selection' ? selection : shown
  const targetProxies = useMemo(() => {
    if (targets.length === 0) return []
    const ids = new Set(targets.map((target) => target.id))
    return (proxies.data ?? []).filter((p) => ids.has(p.connection_id)).map((p) => ({ connectionId: p.connection_id, proxyId: p.id }))
  }, [proxies.data, targets])

  const none = targets.length === 0
  const open = (choice: BulkChoice) => setDialog({ choice, targets: [...targets] })
  const proxyCount = targetProxies.length

  return (
    <>
      <div role="toolbar" aria-label={t('connections.bulk.label')} className={`bulk-bar ${none ? 'is-empty' : ''}`}>
        <fieldset className="bulkrun-scope">
          <legend className="visually-hidden">{t('bulk.scope.label')}</legend>
          <label>
            <input type="radio" name={`bulk-scope-${profileId}`} checked={scope === 'selection'} onChange={() => setScope('selection')} />
            <span className="bulk-count">{selection.length === 0 ? t('connections.bulk.none') : t('connections.bulk.selected', { count: selection.length })}</span>
          </label>
          <label>
            <input type="radio" name={`bulk-scope-${profileId}`} checked={scope === 'shown'} onChange={() => setScope('shown')} />
            <span>{t('bulk.scope.shown', { count: shown.length })}</span>
          </label>
        </fieldset>
        <button type="button" disabled={running || none} onClick={() => open(commandChoice('changeip'))}>
          {t('connections.bulk.changeIp')}
        </button>
        <button type="button" className="danger" disabled={running || none} onClick={() => open(commandChoice('reboot'))}>
          {t('connections.bulk.reboot')}
        </button>
        <CommandMenu disabled={running || none} onPick={(command) => open(commandChoice(command))} />
        <button type="button" disabled={running || none} onClick={() => open({ kind: 'ready', action: { kind: 'change_ip_verify' } })}>
          {t('bulk.buttons.changeIpVerify')}
        </button>
        <button type="button" disabled={running || none} onClick={() => open({ kind: 'settings' })}>
          {t('bulk.buttons.settings')}
        </button>
        <button type="button" disabled={running || none} onClick={() => open({ kind: 'prolong' })}>
          {t('bulk.buttons.prolong')}
        </button>
        <Suspense
          fallback={
            // The same buttons while their code loads, so the toolbar keeps its size (and the list its place).
            <>
              <button type="button" disabled>
                {t('connections.bulk.checkProxies', { count: proxyCount })}
              </button>
              <button type="button" disabled>
                {t('connections.bulk.exportProxies', { count: proxyCount })}
              </button>
            </>
          }
        >
          <CheckButton
            items={targetProxies}
            label={t('connections.bulk.checkProxies', { count: proxyCount })}
            batchTitle={{ kind: 'connectionProxies', count: targets.length }}
            showProgress={false}
            onBatchStarted={setCheckBatch}
          />
          <ExportProxiesButton proxyIds={targetProxies.map((p) => p.proxyId)} label={t('connections.bulk.exportProxies', { count: proxyCount })} />
        </Suspense>
        <button type="button" disabled={none} onClick={() => setVpnTargets([...targets])}>
          {t('bulk.buttons.ovpn', { count: targets.length })}
        </button>
        <button type="button" disabled={selection.length === 0} onClick={() => clear(profileId, { selected: new Set() })}>
          {t('connections.bulk.clear')}
        </button>
      </div>
      {(hasRun || checkBatch) && (
        <div className="bulkrun-float">
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
          <Suspense fallback={null}>
            <BulkResults onEnded={onDone} />
          </Suspense>
        </div>
      )}
      {dialog && (
        <Suspense fallback={null}>
          <BulkRunDialog choice={dialog.choice} targets={dialog.targets} onClose={() => setDialog(undefined)} />
        </Suspense>
      )}
      {vpnTargets && (
        <Suspense fallback={null}>
          <VpnFilesDialog targets={vpnTargets} onClose={() => setVpnTargets(undefined)} />
        </Suspense>
      )}
    </>
  )
}
