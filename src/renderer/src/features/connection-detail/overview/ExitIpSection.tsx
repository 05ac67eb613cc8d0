/**
 * The connection's current exit IP and when it was seen: the newest of the app's own checks (the history
 * database's exit IPs) and iProxy's IP history of the last week, so the Overview answers "which IP is it on now".
 */
import { useTranslation } from 'react-i18next'
import { getApi } from '../../../bridge'
import { createCache, useCached } from '../../../stores/cache'
import { LocalTime } from '../../../ui/LocalTime'

/** How far back iProxy's IP history is asked: a phone that kept its IP longer still shows its last change. */
const API_HISTORY_MS = 7 * 24 * 3_600_000

export interface SeenExitIp {
  ip: string
  at: number
  source: 'check' | 'api'
}

/** The newest sighting from either source; undefined when neither has one. */
export async function currentExitIp(connId: string, now = Date.now()): Promise<SeenExitIp | undefined> {
  const api = getApi()
  const [checks, apiHistory] = await Promise.all([
    // The history database may be unavailable (damaged, locked): iProxy's history still answers.
    api.history.exitIps({ connectionId: connId }).catch(() => []),
    api.stats.ipHistory({ connId, from: new Date(now - API_HISTORY_MS).toISOString(), to: new Date(now).toISOString() }),
  ])
  const seen: SeenExitIp[] = checks.map((c) => ({ ip: c.ip, at: c.lastSeen, source: 'check' as const }))
  for (const e of apiHistory) {
    const at = Date.parse(e.date)
    const ip = e.ipv4 || e.ipv6
    if (ip && Number.isFinite(at)) seen.push({ ip, at, source: 'api' })
  }
  return seen.reduce<SeenExitIp | undefined>((best, s) => (!best || s.at > best.at ? s : best), undefined)
}

/** Per connection; `null` = loaded, nothing seen. Kept while the app runs, refreshed by the section's button. */
const exitIpCache = createCache<SeenExitIp | null>()

export function ExitIpSection({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const exitIp = useCached(exitIpCache, connId, async () => (await currentExitIp(connId)) ?? null)
  const seen = exitIp.data ?? undefined
  return (
    <section className="detail-section" aria-labelledby="overview-exit-ip">
      <h3 id="overview-exit-ip">{t('connectionDetail.exitIp.title')}</h3>
      {exitIp.error && (
        <p role="alert" className="form-error">
          {t('connectionDetail.exitIp.failed', { reason: exitIp.error })}
        </p>
      )}
      {exitIp.data === undefined && exitIp.loading && <p>{t('app.loading')}</p>}
      {exitIp.data === null && <p className="empty-state">{t('connectionDetail.exitIp.none')}</p>}
      {seen && (
        <dl className="facts">
          <dt>{t('connectionDetail.exitIp.ip')}</dt>
          <dd className="mono" data-testid="overview-exit-ip">
            {seen.ip}
          </dd>
          <dt>{t('connectionDetail.exitIp.seen')}</dt>
          <dd>
            <LocalTime value={seen.at} display="ago" /> · {t(`connectionDetail.exitIp.source.${seen.source}`)}
          </dd>
        </dl>
      )}
      <div className="toolbar">
        <button type="button" onClick={() => void exitIp.refresh()} disabled={exitIp.loading}>
          {t('connectionDetail.exitIp.refresh')}
        </button>
      </div>
    </section>
  )
}
