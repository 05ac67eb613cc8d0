import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { useWatch } from '../../stores/watch'
import { localTimeText } from '../../ui/time-text'
import { useMinuteClock } from '../../ui/use-minute-clock'
import { LocalTime } from '../../ui/LocalTime'
import { fleetText, pausedUntil } from './watch-text'

/** The fleet's state as the last round of checks saw it, and the alerts' pause with its button. */
export function FleetStatus() {
  const { t } = useTranslation()
  const now = useMinuteClock()
  const { status, pause } = useWatch(useShallow((s) => ({ status: s.status, pause: s.pause })))
  const paused = pausedUntil(status, now)
  const tone = !status?.running ? 'idle' : status.state
  return (
    <section className={`activity-status activity-status-${tone}`} aria-labelledby="activity-status-title">
      <h2 id="activity-status-title">{t('activity.status.title')}</h2>
      <p role="status" className="activity-status-line">
        <span className="activity-status-dot" aria-hidden="true" />
        <span>{fleetText(t, status)}</span>
        {status?.lastCycleAt !== undefined && (
          <span className="field-hint">
            {' · '}
            <LocalTime value={status.lastCycleAt} display="ago" prefix={(time) => t('activity.status.lastCycle', { time })} />
          </span>
        )}
      </p>
      <div className="toolbar activity-pause">
        {paused !== undefined && <span>{t('activity.status.pausedUntil', { time: localTimeText(paused, { timeStyle: 'short' }) })}</span>}
        <button type="button" onClick={() => void pause(paused !== undefined ? 0 : 60)}>
          {paused !== undefined ? t('activity.status.resume') : t('activity.status.pause')}
        </button>
      </div>
    </section>
  )
}
