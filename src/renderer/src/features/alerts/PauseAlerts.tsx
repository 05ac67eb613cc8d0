import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { useWatch } from '../../stores/watch'
import { localTimeText } from '../../ui/time-text'
import { useMinuteClock } from '../../ui/use-minute-clock'
import { pausedUntil } from '../activity/watch-text'

/** Whether alerts are on, and the button that pauses them for an hour or resumes them (as the tray's menu does). */
export function PauseAlerts() {
  const { t } = useTranslation()
  const now = useMinuteClock()
  const { status, pause } = useWatch(useShallow((s) => ({ status: s.status, pause: s.pause })))
  const until = pausedUntil(status, now)
  return (
    <section className="alerts-pause" aria-label={t('alerts.pause.title')}>
      <p role="status">{until !== undefined ? t('alerts.pause.pausedUntil', { time: localTimeText(until, { timeStyle: 'short' }) }) : t('alerts.pause.running')}</p>
      <button type="button" onClick={() => void pause(until !== undefined ? 0 : 60)}>
        {until !== undefined ? t('alerts.pause.resume') : t('alerts.pause.pause')}
      </button>
    </section>
  )
}
