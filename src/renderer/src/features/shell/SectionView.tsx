import { lazy, Suspense } from 'react'
import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { SectionId } from '../../stores/navigation'
import { useNavigation } from '../../stores/navigation'
import { AccountScreen } from '../account/AccountScreen'
import { ConnectionsScreen } from '../connections/ConnectionsScreen'
import { ProfilesScreen } from '../profiles/ProfilesScreen'
import { ProxiesScreen } from '../proxies/ProxiesScreen'

// The home screen and the lists people live in load with the app; rarely used screens load on first visit.
const ConnectionDetail = lazy(() => import('../connection-detail/ConnectionDetail').then((m) => ({ default: m.ConnectionDetail })))
const VpnScreen = lazy(() => import('../vpn/VpnList').then((m) => ({ default: m.VpnList })))
const StatsScreen = lazy(() => import('../stats/StatsScreen').then((m) => ({ default: m.StatsScreen })))
const ActionLinksScreen = lazy(() => import('../action-links/ActionLinkList').then((m) => ({ default: m.ActionLinkList })))
const HealthScreen = lazy(() => import('../health/HealthScreen').then((m) => ({ default: m.HealthScreen })))
const HelpScreen = lazy(() => import('../help/HelpScreen').then((m) => ({ default: m.HelpScreen })))
const HistoryScreen = lazy(() => import('../history/HistoryScreen').then((m) => ({ default: m.HistoryScreen })))
const RelaysScreen = lazy(() => import('../relays/RelaysScreen').then((m) => ({ default: m.RelaysScreen })))
const ActivityScreen = lazy(() => import('../activity/ActivityScreen').then((m) => ({ default: m.ActivityScreen })))
const AlertSettingsScreen = lazy(() => import('../alerts/AlertSettingsScreen').then((m) => ({ default: m.AlertSettingsScreen })))
const RulesScreen = lazy(() => import('../rules/RulesScreen').then((m) => ({ default: m.RulesScreen })))
const ExportsScreen = lazy(() => import('../exports/ExportsScreen').then((m) => ({ default: m.ExportsScreen })))

const SCREENS: Record<SectionId, ComponentType> = {
  connections: ConnectionsScreen,
  proxies: ProxiesScreen,
  vpn: VpnScreen,
  stats: StatsScreen,
  actionLinks: ActionLinksScreen,
  health: HealthScreen,
  history: HistoryScreen,
  relays: RelaysScreen,
  activity: ActivityScreen,
  alerts: AlertSettingsScreen,
  rules: RulesScreen,
  exports: ExportsScreen,
  account: AccountScreen,
  profiles: ProfilesScreen,
  help: HelpScreen,
}

/** The selected section's screen, or the open connection's detail within Connections. */
export function SectionView() {
  const { t } = useTranslation()
  const { section, detail } = useNavigation(useShallow((s) => ({ section: s.section, detail: s.detail })))
  const Screen = SCREENS[section]
  return (
    <section className="section-view" aria-label={t(`sections.${section}`)}>
      <Suspense fallback={<p>{t('app.loading')}</p>}>
        {section === 'connections' && detail ? <ConnectionDetail key={detail.connId} /> : <Screen />}
      </Suspense>
    </section>
  )
}
