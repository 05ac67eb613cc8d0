import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyButton } from '../../../ui/CopyButton'
import { LocalTime } from '../../../ui/LocalTime'
import { pageOf, Pager } from '../../../ui/Pager'
import { smsCode } from './sms-code'
import { RefreshNotice } from '../../../ui/RefreshNotice'
import { useSms } from '../../../stores/sms'

const PAGE = 20
/** A code is usually awaited: while the tab is open, new messages are fetched this often (stops when it closes). */
export const SMS_REFRESH_MS = 15_000

/** The last 100 SMS the phone received, newest first, searchable by text and sender, paged, with a copy-code button. */
export function SmsTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const searchId = useId()
  const { data, error, loading, refresh } = useSms(connId)
  const [query, setQuery] = useState('')
  // The page belongs to the search it was turned for: a new search starts at its first page.
  const [paging, setPaging] = useState({ query: '', page: 0 })
  // `refresh` is a new function each render; the timer must not restart with every render, so it reads the latest.
  const latestRefresh = useRef(refresh)
  useEffect(() => {
    latestRefresh.current = refresh
  })
  useEffect(() => {
    const timer = setInterval(() => void latestRefresh.current(), SMS_REFRESH_MS)
    return () => clearInterval(timer)
  }, [connId])
  const deferred = useDeferredValue(query)
  const sorted = useMemo(() => [...(data ?? [])].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)), [data])
  const shown = useMemo(() => {
    const needle = deferred.trim().toLocaleLowerCase()
    if (!needle) return sorted
    return sorted.filter((sms) => [sms.message, sms.from, sms.from_contact ?? ''].some((text) => text.toLocaleLowerCase().includes(needle)))
  }, [sorted, deferred])
  const page = paging.query === deferred ? Math.min(paging.page, Math.max(0, Math.ceil(shown.length / PAGE) - 1)) : 0
  const setPage = (next: number) => setPaging({ query: deferred, page: next })

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
          <p className="field-hint">{t('connectionDetail.sms.autoRefresh')}</p>
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
                {pageOf(shown, page, PAGE).map((sms) => (
                  <tr key={sms.id}>
                    <td className="nowrap">
                      <LocalTime value={sms.created_at} fallback={t('connectionDetail.none')} />
                    </td>
                    <td>
                      {sms.from}
                      {sms.from_contact ? <span className="muted"> ({sms.from_contact})</span> : null}
                    </td>
                    <td>
                      {sms.message}
                      <SmsCodeButton message={sms.message} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager page={page} size={PAGE} total={shown.length} onPage={setPage} label={t('stats.pager.sms')} />
        </>
      )}
    </div>
  )
}

function SmsCodeButton({ message }: { message: string }) {
  const { t } = useTranslation()
  const code = smsCode(message)
  if (!code) return null
  return (
    <>
      {' '}
      <CopyButton text={code} label={t('connectionDetail.sms.copyCode', { code })} />
    </>
  )
}
