import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IpReuse } from '../../../../shared/history'
import { DEFAULT_REUSE_WINDOW, REUSE_WINDOWS, useIpReuse, type ReuseWindow } from '../../stores/history'
import { LocalTime } from '../../ui/LocalTime'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { ConnectionLink } from './ConnectionLink'
import { RangeChoice } from './RangeChoice'

const WINDOWS = Object.keys(REUSE_WINDOWS) as ReuseWindow[]

/**
 * The IP ledger (issue 20 point 5): exit IPs seen on two connections at overlapping times (two phones behind one
 * address), and exit IPs back on one connection within the window (a change of IP that handed an old address
 * back). Each lists its connections, which open on a click, and when each had the address.
 */
export function IpReuseView() {
  const { t } = useTranslation()
  const [span, setSpan] = useState<ReuseWindow>(DEFAULT_REUSE_WINDOW)
  const reuse = useIpReuse(span)
  return (
    <section className="history-section" aria-labelledby="ip-reuse-title">
      <h2 id="ip-reuse-title">{t('history.reuse.title')}</h2>
      <p className="field-hint">{t('history.reuse.intro')}</p>
      <div className="toolbar history-toolbar">
        <RangeChoice<ReuseWindow> legend={t('history.reuse.window')} options={WINDOWS} value={span} onChange={setSpan} />
        <button type="button" onClick={() => void reuse.refresh()} disabled={reuse.loading}>
          {t('history.refresh')}
        </button>
      </div>
      <RefreshNotice error={reuse.error} onRetry={() => void reuse.refresh()} />
      {reuse.data === undefined ? (
        reuse.loading && <p>{t('app.loading')}</p>
      ) : reuse.data.length === 0 ? (
        <p className="empty-state">{t('history.reuse.empty')}</p>
      ) : (
        <table className="table compact history-reuse" aria-label={t('history.reuse.label')}>
          <thead>
            <tr>
              <th scope="col">{t('history.exitIps.ip')}</th>
              <th scope="col">{t('history.reuse.kind')}</th>
              <th scope="col">{t('history.reuse.connections')}</th>
            </tr>
          </thead>
          <tbody>
            {reuse.data.map((entry) => (
              <ReuseRow key={`${entry.kind}-${entry.ip}-${entry.connections[0]?.connectionId ?? ''}`} entry={entry} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function ReuseRow({ entry }: { entry: IpReuse }) {
  const { t } = useTranslation()
  return (
    <tr>
      <th scope="row" className="mono">
        {entry.ip}
      </th>
      <td>
        <span className={`badge history-badge-${entry.kind}`}>{t(`history.reuse.kinds.${entry.kind}`)}</span>
      </td>
      <td>
        <ul className="history-reuse-connections">
          {entry.connections.map((c) => (
            <li key={c.connectionId}>
              <ConnectionLink id={c.connectionId} name={c.name} />
              <ul className="history-periods" aria-label={t('history.reuse.periodsOf', { name: c.name ?? c.connectionId })}>
                {c.periods.map((p) => (
                  <li key={p.firstSeen}>
                    {p.firstSeen === p.lastSeen ? (
                      <LocalTime value={p.firstSeen} />
                    ) : (
                      <>
                        <LocalTime value={p.firstSeen} /> – <LocalTime value={p.lastSeen} />
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </td>
    </tr>
  )
}
