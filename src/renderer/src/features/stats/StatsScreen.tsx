import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { StatsPanel } from './StatsPanel'
import './stats.css'
import { connectionStore } from '../../stores/connections'

/** The Statistics section: pick a connection, then its charts (the same panel as the connection's tab). */
export function StatsScreen() {
  const { t } = useTranslation()
  const id = useId()
  const connections = connectionStore.useList()
  const [picked, setPicked] = useState<string>()
  const list = connections.data ?? []
  const connId = picked && list.some((c) => c.id === picked) ? picked : list[0]?.id
  return (
    <div className="stats-screen">
      <RefreshNotice error={connections.error} onRetry={() => void connections.refresh()} />
      {!connections.data && connections.loading && <p>{t('app.loading')}</p>}
      {connections.data && list.length === 0 && <p className="empty-state">{t('stats.noConnections')}</p>}
      {list.length > 0 && (
        <div className="field connection-picker">
          <label htmlFor={`${id}-conn`}>{t('stats.connection')}</label>
          <select id={`${id}-conn`} value={connId} onChange={(e) => setPicked(e.target.value)}>
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.basic_info.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {connId && <StatsPanel key={connId} connId={connId} />}
    </div>
  )
}
