import { useDeferredValue, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '../../../ui/LocalTime'
import { RefreshNotice } from '../../../ui/RefreshNotice'
import { useSms } from '../../../stores/sms'

/** The last 100 SMS the phone received, newest first, searchable by text and sender. */
export function SmsTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const searchId = useId()
  const { data, error, loading, refresh } = useSms(connId)
  const [query, setQuery] = useState('')
  const deferred = useDeferredValue(query)
  const sorted = useMemo(() => [...(data ?? [])].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)), [data])
  const shown = useMemo(() => {
    const needle = deferred.trim().toLocaleLowerCase()
    if (!needle) return sorted
    return sorted.filter((sms) => [sms.message, sms.from, sms.from_contact ?? ''].some((text) => text.toLocaleLowerCase().includes(needle)))
  }, [sorted, deferred])

  return (
    <div className="sms-tab">
      <RefreshNotice error={error} onRetry={() => void refresh()} />
      <div className="toolbar sms-toolbar">
        <label htmlFor={searchId}>{t('connectionDetail.sms.search')}</label>
        <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="button" onClick={() => void refresh()} disabled={loading}>
          {t('connectionDetail.refresh')}
        </button>
      </div>
      {!data && loading && <p>{t('app.loading')}</p>}
      {data && data.length === 0 && <p className="empty-state">{t('connectionDetail.sms.empty')}</p>}
      {data && data.length > 0 && (
        <>
          <p className="field-hint" role="status">
            {shown.length === 0 ? t('connectionDetail.sms.noMatch', { query: deferred.trim() }) : t('connectionDetail.sms.shown', { shown: shown.length, total: sorted.length })}
          </p>
          {shown.length > 0 && (
            <table className="table sms-table" aria-label={t('connectionDetail.sms.list')}>
              <thead>
                <tr>
                  <th scope="col">{t('connectionDetail.sms.received')}</th>
                  <th scope="col">{t('connectionDetail.sms.from')}</th>
                  <th scope="col">{t('connectionDetail.sms.message')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((sms) => (
                  <tr key={sms.id}>
                    <td className="nowrap">
                      <LocalTime value={sms.created_at} fallback={t('connectionDetail.none')} />
                    </td>
                    <td>
                      {sms.from}
                      {sms.from_contact ? <span className="muted"> ({sms.from_contact})</span> : null}
                    </td>
                    <td>{sms.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  )
}
