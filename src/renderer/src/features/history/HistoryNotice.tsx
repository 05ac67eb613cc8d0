import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { useHistoryNotice } from '../../stores/history'
import './history.css'

/**
 * After main found the history database damaged (or written by a newer app) and started a new one, it says so
 * once (`history.takeNotice`): shown above every screen until dismissed, with where the old file went, so
 * nothing looks silently lost. Main answers only the first ask, so a reload does not show it again.
 */
export function HistoryNotice() {
  const { t } = useTranslation()
  const { notice, take, dismiss } = useHistoryNotice(useShallow((s) => ({ notice: s.notice, take: s.take, dismiss: s.dismiss })))
  useEffect(() => {
    void take()
  }, [take])
  if (!notice) return null
  return (
    <div role="alert" className="notice history-notice">
      <p>
        {t(`history.notice.${notice.kind}`)}{' '}
        {notice.movedTo ? t('history.notice.movedTo', { path: notice.movedTo }) : t('history.notice.notMoved')}
      </p>
      <button type="button" onClick={dismiss}>
        {t('shell.dismiss')}
      </button>
    </div>
  )
}
