/**
 * "New relay": a name, the proxies in order (an access ID or a URL a line), the two ports, the address it listens
 * on, and a local login (required off 127.0.0.1; main checks the same rule and keeps the password in the keychain).
 */
import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isLoopbackAddress, type UpstreamRef } from '../../../../shared/relay'
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
  const [bindAddress, setBindAddress] = useState('127.0.0.1')
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [loginError, setLoginError] = useState<string>()
  const [autostart, setAutostart] = useState(true)
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const refs = refsOf(upstreams)
    if (refs.length === 0) return setOutcome({ ok: false, text: t('relays.upstreamsRequired') })
    const address = bindAddress.trim() || '127.0.0.1'
    const hasLogin = login !== '' && password !== ''
    const halfALogin = (login === '') !== (password === '')
    const problem = halfALogin ? t('relays.loginIncomplete') : !hasLogin && !isLoopbackAddress(address) ? t('relays.loginRequired') : undefined
    setLoginError(problem)
    if (problem) return setOutcome(undefined)
    try {
      const relayName = name.trim() || refs.map((r) => (r.kind === 'access' ? r.proxyId : r.url.replace(/\/\/[^@/]*@/, '//'))).join(', ')
      await create({
        name: relayName.slice(0, 100),
        upstreams: refs,
        httpPort: Number(httpPort) || 0,
        socksPort: Number(socksPort) || 0,
        bindAddress: address,
        ...(hasLogin ? { auth: { username: login, password } } : {}),
        autostart,
      })
      setOutcome({ ok: true, text: t('relays.created', { name: relayName }) })
      setName('')
      setUpstreams('')
      setPassword('')
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
      <TextField label={t('relays.bindAddress')} value={bindAddress} maxLength={100} hint={t('relays.bindHint')} onChange={(e) => setBindAddress(e.target.value)} />
      <div className="relay-ports">
        <TextField label={t('relays.login')} value={login} maxLength={255} autoComplete="off" hint={t('relays.loginHint')} onChange={(e) => setLogin(e.target.value)} />
        <TextField
          label={t('relays.password')}
          type="password"
          value={password}
          maxLength={255}
          autoComplete="new-password"
          error={loginError}
          onChange={(e) => setPassword(e.target.value)}
        />
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
