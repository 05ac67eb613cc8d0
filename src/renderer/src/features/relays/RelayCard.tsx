/** One relay: its state, addresses (copy), live tunnels, bytes and rates, the upstream serving now, switches, errors. */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RelayStatus } from '../../../../shared/relay'
import { getApi } from '../../bridge'
import { listenerAddress, useRelays } from '../../stores/relays'
import { CopyButton } from '../../ui/CopyButton'
import { errorMessage } from '../../ui/error-message'
import { formatBytes } from '../../ui/format-bytes'
import { LocalTime } from '../../ui/LocalTime'

export function RelayCard({ relay }: { relay: RelayStatus }) {
  const { t } = useTranslation()
  const { start, stop, remove } = useRelays.getState()
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>()
  const [askPath, setAskPath] = useState(false)
  const [browserPath, setBrowserPath] = useState('')
  const running = relay.state === 'running'
  const act = async (run: () => Promise<void>) => {
    setOutcome(undefined)
    try {
      await run()
    } catch (err) {
      setOutcome({ ok: false, text: errorMessage(err) })
    }
  }
  const openBrowser = (path?: string) =>
    act(async () => {
      const result = await getApi().relay.openBrowser({ id: relay.id, ...(path ? { browserPath: path } : {}) })
      setAskPath(!result.found)
      if (result.found) setOutcome({ ok: true, text: t('relays.browserOpened', { browser: result.browser }) })
    })
  const serving = relay.activeUpstream !== null ? relay.upstreams[relay.activeUpstream] : undefined

  return (
    <article className="relay-card" aria-labelledby={`relay-${relay.id}`} data-testid="relay-card">
      <h3 id={`relay-${relay.id}`}>{relay.name}</h3>
      <dl className="relay-figures">
        <dt>{t('relays.state')}</dt>
        <dd data-testid="relay-state">{t(`relays.states.${relay.state}`)}</dd>
        {(['http', 'socks5'] as const).map((kind) => {
          const address = listenerAddress(relay, kind)
          return address ? (
            <div key={kind} className="relay-address">
              <dt>{`${t('relays.address')} ${kind === 'http' ? 'HTTP' : 'SOCKS5'}`}</dt>
              <dd>
                <span className="mono">{address}</span> <CopyButton text={address} what={t('relays.copyAddress', { kind: kind === 'http' ? 'HTTP' : 'SOCKS5', name: relay.name })} />
              </dd>
            </div>
          ) : null
        })}
        {relay.networkAddresses && (
          <>
            <dt>{t('relays.fromOtherDevices')}</dt>
            <dd data-testid="relay-network-addresses">
              <span className="mono">{relay.networkAddresses.join(', ')}</span> {t('relays.samePorts')}
            </dd>
          </>
        )}
        {relay.login && (
          <>
            <dt>{t('relays.login')}</dt>
            <dd className="mono">{relay.login}</dd>
          </>
        )}
        <dt>{t('relays.tunnels')}</dt>
        <dd data-testid="relay-tunnels">{relay.openTunnels}</dd>
        <dt>{t('relays.sent')}</dt>
        <dd data-testid="relay-sent">
          {formatBytes(relay.bytesUp)} ({t('relays.rate', { value: formatBytes(relay.upRate) })})
        </dd>
        <dt>{t('relays.received')}</dt>
        <dd data-testid="relay-received">
          {formatBytes(relay.bytesDown)} ({t('relays.rate', { value: formatBytes(relay.downRate) })})
        </dd>
        {serving && (
          <>
            <dt>{t('relays.serving')}</dt>
            <dd className="mono">{serving.label}</dd>
          </>
        )}
        {relay.lastError && (
          <>
            <dt>{t('relays.lastError')}</dt>
            <dd role="alert" className="form-error" data-testid="relay-error">
              {relay.lastError.kind === 'port_in_use' && relay.lastError.port !== undefined && relay.lastError.holder
                ? t('relays.portInUse', { port: relay.lastError.port, holder: relay.lastError.holder })
                : t(`relays.errors.${relay.lastError.kind}`)}{' '}
              <LocalTime value={new Date(relay.lastError.at).toISOString()} />
            </dd>
          </>
        )}
      </dl>
      {relay.upstreams.length > 1 && (
        <ol className="relay-upstreams">
          {relay.upstreams.map((u, i) => (
            <li key={i} className="mono">
              {u.label}
              {!u.healthy && u.downUntil ? ` (${t('relays.upstreamDown', { time: new Date(u.downUntil).toLocaleTimeString() })})` : ''}
            </li>
          ))}
        </ol>
      )}
      {relay.switches.length > 0 && (
        <details>
          <summary>{t('relays.switches')}</summary>
          <ul>
            {relay.switches.map((s) => (
              <li key={`${s.at}-${s.to}`}>
                <LocalTime value={new Date(s.at).toISOString()} /> <span className="mono">{s.from ?? '-'} → {s.to}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="form-actions">
        {running ? (
          <button type="button" aria-label={t('relays.stopLabel', { name: relay.name })} onClick={() => void act(() => stop(relay.id))}>
            {t('relays.stop')}
          </button>
        ) : (
          <button type="button" aria-label={t('relays.startLabel', { name: relay.name })} onClick={() => void act(() => start(relay.id))}>
            {t('relays.start')}
          </button>
        )}
        <button type="button" disabled={!running} aria-label={t('relays.openBrowserLabel', { name: relay.name })} onClick={() => void openBrowser()}>
          {t('relays.openBrowser')}
        </button>
        <button type="button" aria-label={t('relays.removeLabel', { name: relay.name })} onClick={() => void act(() => remove(relay.id))}>
          {t('relays.remove')}
        </button>
      </div>
      {askPath && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void openBrowser(browserPath.trim())
          }}
        >
          <p>{t('relays.browserNotFound')}</p>
          <label>
            {t('relays.browserPath')} <input value={browserPath} onChange={(e) => setBrowserPath(e.target.value)} />
          </label>
          <button type="submit" disabled={!browserPath.trim()}>
            {t('relays.openWithPath')}
          </button>
        </form>
      )}
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'notice' : 'form-error'}>
          {outcome.text}
        </p>
      )}
    </article>
  )
}
