import { useTranslation } from 'react-i18next'
import type { HealthCheckResult } from '../../../../shared/health'
import './health.css'

const PROTOCOL_NAMES = { http: 'HTTP', socks5: 'SOCKS5' } as const

/** For a pasted line that did not say its protocol: the one its check found ("SOCKS5"), nothing otherwise. */
export function DetectedProtocol({ result }: { result: Pick<HealthCheckResult, 'detectedProtocol'> }) {
  const { t } = useTranslation()
  if (!result.detectedProtocol) return null
  const name = PROTOCOL_NAMES[result.detectedProtocol]
  return (
    <span className="health-protocol" title={t('health.detectedProtocol', { protocol: name })}>
      {name}
    </span>
  )
}
