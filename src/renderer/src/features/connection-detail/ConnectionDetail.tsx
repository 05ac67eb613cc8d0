import { lazy, Suspense, useRef } from 'react'
import type { ComponentType, KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { ONLINE_STATUSES } from '../../../../shared/iproxy'
import { DETAIL_TABS, useNavigation } from '../../stores/navigation'
import type { DetailTab } from '../../stores/navigation'
import { ErrorBoundary } from '../../ui/ErrorBoundary'
import { RefreshNotice } from '../../ui/RefreshNotice'
import './detail.css'
import { useConnection, useStatuses } from '../../stores/connections'

type TabComponent = ComponentType<{ connId: string }>
const tab = (load: () => Promise<TabComponent>) => lazy(() => load().then((component) => ({ default: component })))

// Each tab loads on first visit, so charts and forms weigh nothing until someone opens them.
const TABS: Record<DetailTab, TabComponent> = {
  overview: tab(() => import('./overview/OverviewTab').then((m) => m.OverviewTab)),
  settings: tab(() => import('./settings/SettingsTab').then((m) => m.SettingsTab)),
  proxies: tab(() => import('../proxies/ConnectionProxies').then((m) => m.ConnectionProxies)),
  vpn: tab(() => import('../vpn/VpnList').then((m) => m.VpnList)),
  stats: tab(() => import('./tabs/StatsTab').then((m) => m.StatsTab)),
  history: tab(() => import('../history/HistoryTab').then((m) => m.HistoryTab)),
  actionLinks: tab(() => import('../action-links/ActionLinkList').then((m) => m.ActionLinkList)),
  sms: tab(() => import('./sms/SmsTab').then((m) => m.SmsTab)),
  team: tab(() => import('./team/TeamTab').then((m) => m.TeamTab)),
}

const tabId = (id: DetailTab) => `detail-tab-${id}`
const panelId = (id: DetailTab) => `detail-panel-${id}`

/** One connection: its name and status, the tabs, and the open tab's panel. */
export function ConnectionDetail() {
  const { t } = useTranslation()
  const { detail, showTab, closeConnection } = useNavigation(
    useShallow((s) => ({ detail: s.detail, showTab: s.showTab, closeConnection: s.closeConnection })),
  )
  const tabRefs = useRef<Partial<Record<DetailTab, HTMLButtonElement | null>>>({})
  if (!detail) return null
  const { connId, tab: current } = detail
  const Panel = TABS[current]

  // Arrow keys move between tabs (and select them), as the WAI-ARIA tabs pattern describes.
  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const last = DETAIL_TABS.length - 1
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
        : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
          : event.key === 'Home' ? 0
            : event.key === 'End' ? last
              : undefined
    if (next === undefined) return
    event.preventDefault()
    const id = DETAIL_TABS[next] as DetailTab
    showTab(id)
    tabRefs.current[id]?.focus()
  }

  return (
    <div className="connection-detail">
      <DetailHeader connId={connId} onBack={closeConnection} />
      <div role="tablist" aria-label={t('connectionDetail.tabsLabel')} className="detail-tabs">
        {DETAIL_TABS.map((id, index) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[id] = el
            }}
            type="button"
            role="tab"
            id={tabId(id)}
            aria-selected={id === current}
            aria-controls={panelId(id)}
            tabIndex={id === current ? 0 : -1}
            className="detail-tab"
            onClick={() => showTab(id)}
            onKeyDown={(event) => onTabKey(event, index)}
          >
            {t(`connectionDetail.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId(current)} aria-labelledby={tabId(current)} className="detail-panel" tabIndex={0}>
        <ErrorBoundary key={current}>
          <Suspense fallback={<p>{t('app.loading')}</p>}>
            <Panel connId={connId} />
          </Suspense>
        </ErrorBoundary>
      </div>
    </div>
  )
}

function DetailHeader({ connId, onBack }: { connId: string; onBack(): void }) {
  const { t } = useTranslation()
  const connection = useConnection(connId)
  const statuses = useStatuses()
  const raw = statuses.data?.find((s) => s.connection_id === connId)?.online_status
  const status = (ONLINE_STATUSES as readonly string[]).includes(raw ?? '') ? (raw as (typeof ONLINE_STATUSES)[number]) : 'unknown'
  const name = connection.data?.basic_info.name
  return (
    <div className="detail-header">
      <button type="button" className="link" onClick={onBack}>
        ← {t('connectionDetail.back')}
      </button>
      <div className="detail-title">
        <h2>{name ?? (connection.error ? connId : t('connectionDetail.loadingConnection'))}</h2>
        <span className={`detail-status detail-status-${status}`} data-testid="detail-status">
          {t('connectionDetail.status.label', { status: t(`connectionDetail.status.${status}`) })}
        </span>
        <button
          type="button"
          data-shortcut="refresh"
          onClick={() => {
            void connection.refresh()
            void statuses.refresh()
          }}
          disabled={connection.loading}
        >
          {t('connectionDetail.refresh')}
        </button>
      </div>
      <RefreshNotice error={connection.error} onRetry={() => void connection.refresh()} />
    </div>
  )
}
