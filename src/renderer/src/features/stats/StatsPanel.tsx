import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StatsWindow } from '../../stores/stats'
import { useCachedEntry } from '../../stores/cache'
import { connectionStatsCache, statsKey, useConnectionStats } from '../../stores/stats'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { getApi } from '../../bridge'
import { SaveCsvButton } from '../exports/SaveCsvButton'
import { LocalTime } from '../../ui/LocalTime'
import { HourPortChart, IpHistoryTable, TrafficByDayChart, UptimeTimeline } from './charts'
import type { Preset } from './RangePicker'
import { localTimeZone, presetWindow, RangePicker } from './RangePicker'
import '../connection-detail/tabs/tabs.css'
import './stats.css'

/** A connection's statistics for a chosen window: traffic by day and by hour and port, uptime, IP history. */
export function StatsPanel({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const [range, setRange] = useState<StatsWindow>(() => presetWindow('7d', localTimeZone()))
  // The window shown before the current one: its statistics stay on screen while the new window loads or if it fails.
  const [previous, setPrevious] = useState<StatsWindow>()
  const [preset, setPreset] = useState<Preset>('7d')
  const stats = useConnectionStats(connId, range)
  const previousEntry = useCachedEntry(connectionStatsCache, previous ? statsKey(connId, previous) : undefined)
  const shown = stats.data ? { window: range, data: stats.data } : previous && previousEntry?.data ? { window: previous, data: previousEntry.data } : undefined

  const change = (next: StatsWindow) => {
    if (stats.data) setPrevious(range)
    setRange(next)
  }
  const refresh = () => {
    // A preset ends "now": refreshing moves it to the current time; a custom range is fetched again as it is.
    const next = preset === 'custom' ? range : presetWindow(preset, range.timezone)
    if (statsKey(connId, next) === statsKey(connId, range)) void stats.refresh()
    else change(next)
  }

  return (
    <div className="stats-panel">
      <div className="stats-controls">
        <RangePicker
          value={range}
          onChange={(next, p) => {
            setPreset(p)
            change(next)
          }}
        />
        <button type="button" data-shortcut="refresh" onClick={refresh} disabled={stats.loading}>
          {t('stats.refresh')}
        </button>
      </div>
      <RefreshNotice error={stats.error} onRetry={() => void stats.refresh()} />
      {shown && (
        <p className="muted stats-window" aria-live="polite" data-testid="stats-window">
          {t('stats.showing')} <LocalTime value={shown.window.from} /> – <LocalTime value={shown.window.to} /> ({shown.window.timezone})
          {stats.loading && ` · ${t('app.loading')}`}
        </p>
      )}
      {!shown && stats.loading && <p>{t('app.loading')}</p>}
      {shown && (
        <div className={stats.loading ? 'stats-sections stale' : 'stats-sections'}>
          <section aria-labelledby={`${connId}-by-day`}>
            <h3 id={`${connId}-by-day`}>{t('stats.byDay')}</h3>
            <TrafficByDayChart data={shown.data.byDay} />
          </section>
          <section aria-labelledby={`${connId}-by-hour`}>
            <h3 id={`${connId}-by-hour`}>{t('stats.byHourPort')}</h3>
            <HourPortChart ports={shown.data.byHourPort} />
          </section>
          <section aria-labelledby={`${connId}-uptime`}>
            <h3 id={`${connId}-uptime`}>{t('stats.uptime')}</h3>
            <UptimeTimeline entries={shown.data.uptime} />
          </section>
          <section aria-labelledby={`${connId}-ips`}>
            <h3 id={`${connId}-ips`}>{t('stats.ipHistory')}</h3>
            <SaveCsvButton
              label={t('stats.ipHistoryCsv')}
              disabled={shown.data.ipHistory.length === 0}
              save={() => getApi().exports.saveIpHistoryCsv({ connId, from: shown.window.from, to: shown.window.to })}
            />
            <IpHistoryTable entries={shown.data.ipHistory} />
          </section>
        </div>
      )}
    </div>
  )
}
