import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { HISTORY_KINDS, type HistoryKind, type TimelineEvent } from '../../../../shared/history'
import { TIMELINE_MAX, TIMELINE_STEP, useTimeline, type HistoryRange } from '../../stores/history'
import { LocalTime } from '../../ui/LocalTime'
import { pageOf, Pager } from '../../ui/Pager'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { ConnectionLink } from './ConnectionLink'
import { eventText, isBad } from './event-text'

const PAGE = 50

/**
 * Status changes, checks, new exit IPs and actions, newest first, 50 a page; of one connection (its History tab)
 * or of the fleet (the History section, where each event names its connection, a link that opens it). The range
 * comes from the caller; the kind filter and "show more" (past the first 500 events) are the panel's own.
 */
export function TimelinePanel({ connectionId, range, names }: { connectionId?: string; range: HistoryRange; names?: Map<string, string> }) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<HistoryKind | 'all'>('all')
  const [limit, setLimit] = useState(TIMELINE_STEP)
  const [page, setPage] = useState(0)
  const timeline = useTimeline({ ...(connectionId ? { connectionId } : {}), range, ...(kind === 'all' ? {} : { kind }), limit })
  const events = timeline.data?.events ?? []
  const fleet = connectionId === undefined
  // A shorter range or another kind can leave fewer pages than the one shown: stay on the last there is.
  const shownPage = Math.min(page, Math.max(0, Math.ceil(events.length / PAGE) - 1))

  return (
    <div className="history-timeline">
      <div className="toolbar history-toolbar">
        <label className="field inline-field">
          <span>{t('history.timeline.show')}</span>
          <select
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as HistoryKind | 'all')
              setPage(0)
            }}
          >
            <option value="all">{t('history.kinds.all')}</option>
            {HISTORY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`history.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void timeline.refresh()} disabled={timeline.loading}>
          {t('history.refresh')}
        </button>
      </div>
      <RefreshNotice error={timeline.error} onRetry={() => void timeline.refresh()} />
      {timeline.data === undefined ? (
        timeline.loading && <p>{t('app.loading')}</p>
      ) : events.length === 0 ? (
        <p className="empty-state">{t('history.timeline.empty')}</p>
      ) : (
        <>
          <ol className="history-events" aria-label={t(fleet ? 'history.timeline.fleetLabel' : 'history.timeline.label')}>
            {pageOf(events, shownPage, PAGE).map((event, i) => (
              <EventItem key={`${event.at}-${event.kind}-${shownPage * PAGE + i}`} event={event} fleet={fleet} names={names} />
            ))}
          </ol>
          <Pager page={shownPage} size={PAGE} total={events.length} onPage={setPage} label={t('history.timeline.pager')} />
          {timeline.data.truncated && (
            <p className="history-more">
              {t('history.timeline.truncated', { count: events.length })}{' '}
              {limit < TIMELINE_MAX && (
                <button type="button" onClick={() => setLimit(Math.min(TIMELINE_MAX, limit + TIMELINE_STEP * 4))} disabled={timeline.loading}>
                  {t('history.timeline.more')}
                </button>
              )}
            </p>
          )}
        </>
      )}
    </div>
  )
}

function EventItem({ event, fleet, names }: { event: TimelineEvent; fleet: boolean; names?: Map<string, string> }) {
  const { t } = useTranslation()
  return (
    <li className={`history-event history-event-${event.kind}${isBad(event) ? ' history-event-bad' : ''}`}>
      <span className="history-event-time">
        <LocalTime value={event.at} />
      </span>
      <span className="history-event-kind">{t(`history.kindOne.${event.kind}`)}</span>
      {fleet && (
        <span className="history-event-conn">
          {event.connectionId ? <ConnectionLink id={event.connectionId} name={names?.get(event.connectionId)} /> : t('history.pastedProxy')}
        </span>
      )}
      <span className="history-event-text">{eventText(t, event)}</span>
    </li>
  )
}
