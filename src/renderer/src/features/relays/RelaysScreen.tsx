/**
 * The Relays screen (issue 23): local relays and failover groups, each with its addresses, state and live traffic
 * (polled once a second while the screen is open), started and stopped here, and a browser opened through one.
 */
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useRelays } from '../../stores/relays'
import { RelayCard } from './RelayCard'
import { RelayForm } from './RelayForm'
import './relays.css'

export function RelaysScreen() {
  const { t } = useTranslation()
  const relays = useRelays((s) => s.relays)
  const error = useRelays((s) => s.error)
  useEffect(() => {
    const load = useRelays.getState().load
    void load()
    const timer = setInterval(() => void load(), 1_000)
    return () => clearInterval(timer)
  }, [])
  return (
    <div className="relays-screen">
      <p className="muted">{t('relays.intro')}</p>
      <RelayForm />
      <section aria-label={t('relays.listLabel')}>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        {relays === undefined ? <p>{t('app.loading')}</p> : relays.length === 0 ? <p>{t('relays.empty')}</p> : relays.map((r) => <RelayCard key={r.id} relay={r} />)}
      </section>
    </div>
  )
}
