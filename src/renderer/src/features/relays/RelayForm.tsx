/** "New relay": a name, the proxies in order (an access ID or a URL a line), and the two ports. */
import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { UpstreamRef } from '../../../../shared/relay'
import { useRelays } from '../../stores/relays'
import { errorMessage } from '../../ui/error-message'
import { TextField } from '../../ui/TextField'

function refsOf(text: string): UpstreamRef[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (line.includes('://') ? { kind: 'url', url: line } : { kind: 'access', proxyId: line }))
}

export function RelayForm() {
  const { t } = useTranslation()
  const create = useRelays((s) => s.create)
  const upstreamsId = useId()
  const [name, setName] = useState('')
  const [upstreams, setUpstreams] = useState('')
  const [httpPort, setHttpPort] = useState('0')
  const [socksPort, setSocksPort] = useState('0')
  const [autostart, setAutostart] = useState(true)
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const refs = refsOf(upstreams)
    if (refs.length === 0) return setOutcome({ ok: false, text: t('relays.upstreamsRequired') })
    try {
      const relayName = name.trim() || refs.map((r) => (r.kind === 'access' ? r.proxyId : r.url.replace(/\/\/[^@/]*@/, '//'))).join(', ')
      await create({ name: relayName.slice(0, 100), upstreams: refs, httpPort: Number(httpPort) || 0, socksPort: Number(socksPort) || 0, autostart })
      setOutcome({ ok: true, text: t('relays.created', { name: relayName }) })
      setName('')
      setUpstreams('')
    } catch (err) {
      setOutcome({ ok: false, text: errorMessage(err) })
    }
  }

  return (
    <form className="relay-form" aria-label={t('relays.createTitle')} onSubmit={(e) => void submit(e)}>
      <h2>{t('relays.createTitle')}</h2>
      <TextField label={t('relays.name')} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      <div className="field">
        <label htmlFor={upstreamsId}>{t('relays.upstreams')}</label>
        <textarea id={upstreamsId} rows={3} value={upstreams} aria-describedby={`${upstreamsId}-hint`} onChange={(e) => setUpstreams(e.target.value)} />
        <small id={`${upstreamsId}-hint`} className="field-hint">
          {t('relays.upstreamsHint')}
        </small>
      </div>
      <div className="relay-ports">
        <TextField label={t('relays.httpPort')} inputMode="numeric" pattern="\d{1,5}" value={httpPort} hint={t('relays.portHint')} onChange={(e) => setHttpPort(e.target.value)} />
        <TextField label={t('relays.socksPort')} inputMode="numeric" pattern="\d{1,5}" value={socksPort} onChange={(e) => setSocksPort(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={autostart} onChange={(e) => setAutostart(e.target.checked)} /> {t('relays.autostart')}
      </label>
      <div className="form-actions">
        <button type="submit">{t('relays.create')}</button>
      </div>
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'notice' : 'form-error'}>
          {outcome.text}
        </p>
      )}
    </form>
  )
}
