import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { AlertChannel, AlertTestResult } from '../../../../shared/watch'
import { useWatch } from '../../stores/watch'

const KNOWN_REASONS = ['not_configured', 'unreachable', 'timeout', 'telegram_error'] as const

/**
 * "Send a test alert" for one channel, and what each of its targets answered (each webhook URL on its own line).
 * `beforeTest` saves the form first, so the test goes where the screen says; it answers false when the form has errors.
 */
export function TestAlert({ channel, beforeTest }: { channel: AlertChannel; beforeTest(): Promise<boolean> }) {
  const { t } = useTranslation()
  const { answer, testing, testAlert } = useWatch(useShallow((s) => ({ answer: s.tests[channel], testing: s.testing[channel] === true, testAlert: s.testAlert })))
  const channelName = t(`alerts.channels.${channel}`)
  const reasonText = (result: AlertTestResult): string => {
    const http = /^http_(\d+)$/.exec(result.reason ?? '')
    if (http) return t('alerts.test.reasons.http', { status: http[1] })
    const known = KNOWN_REASONS.find((r) => r === result.reason)
    return known ? t(`alerts.test.reasons.${known}`) : (result.detail ?? result.reason ?? '')
  }
  const targetText = (result: AlertTestResult): string => (result.target === channel || result.target === 'telegram' ? channelName : result.target)
  return (
    <div className="alerts-test">
      <button
        type="button"
        aria-label={t('alerts.test.sendLabel', { channel: channelName })}
        disabled={testing}
        onClick={() => {
          void beforeTest().then((ok) => (ok ? testAlert(channel) : undefined))
        }}
      >
        {testing ? t('alerts.test.sending') : t('alerts.test.send')}
      </button>
      {answer && (
        <ul className="alerts-test-results" role="status" aria-label={t('alerts.test.resultsLabel', { channel: channelName })}>
          {'error' in answer ? (
            <li className="form-error">{answer.error}</li>
          ) : (
            answer.map((result, i) => (
              <li key={`${result.target}-${i}`} className={result.ok ? 'alerts-test-ok' : 'alerts-test-failed'}>
                {result.ok ? t('alerts.test.ok', { target: targetText(result) }) : t('alerts.test.failed', { target: targetText(result), reason: reasonText(result) })}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  )
}
