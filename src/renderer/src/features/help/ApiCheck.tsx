import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DriftReport } from '../../../../shared/drift'
import { getApi } from '../../bridge'
import { errorMessage } from '../../ui/error-message'

/** The verdict in the interface's language, from the report's counts (main's `verdict` is English, for support). */
function useVerdict(report: DriftReport): string[] {
  const { t } = useTranslation()
  const count = (outcome: string) => report.endpoints.filter((e) => e.outcome === outcome).length
  const read = count('same') + count('differs')
  const lines = [
    report.differences.length === 0
      ? t('help.check.verdictClean', { read })
      : t('help.check.verdictDiffers', {
          count: report.differences.length,
          endpoints: count('differs'),
          read,
          breaking: new Set(report.differences.filter((d) => d.breaks).map((d) => d.endpoint)).size,
        }),
  ]
  if (count('failed') + count('skipped') > 0) lines.push(t('help.check.notRead', { failed: count('failed'), skipped: count('skipped') }))
  return lines
}

function Result({ report }: { report: DriftReport }) {
  const { t } = useTranslation()
  const verdict = useVerdict(report)
  return (
    <>
      <p role="status" className="notice" data-testid="api-check-verdict">
        {verdict.join(' ')}
      </p>
      {report.differences.length > 0 && (
        <div className="help-drift-wrap" tabIndex={0} role="region" aria-label={t('help.check.tableLabel')}>
          <table className="help-drift">
            <thead>
              <tr>
                <th scope="col">{t('help.check.endpoint')}</th>
                <th scope="col">{t('help.check.field')}</th>
                <th scope="col">{t('help.check.difference')}</th>
                <th scope="col">{t('help.check.documented')}</th>
                <th scope="col">{t('help.check.received')}</th>
                <th scope="col">{t('help.check.times')}</th>
              </tr>
            </thead>
            <tbody>
              {report.differences.map((d) => (
                <tr key={`${d.endpoint} ${d.kind} ${d.path} ${d.expected ?? ''} ${d.received ?? ''}`}>
                  <td><code>GET {d.endpoint}</code></td>
                  <td><code>{d.path || t('help.check.wholeAnswer')}</code></td>
                  <td>
                    {t(`help.check.kind.${d.kind}`)}
                    {d.breaks && <span className="help-drift-breaks"> ({t('help.check.breaks')})</span>}
                  </td>
                  <td><code>{d.expected ?? ''}</code></td>
                  <td><code>{d.received ?? ''}</code></td>
                  <td>{d.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

/** "Check the API": the drift report of the active profile (main/drift), each difference and the verdict. */
export function ApiCheck() {
  const { t } = useTranslation()
  const headingId = useId()
  const [running, setRunning] = useState(false)
  const [report, setReport] = useState<DriftReport>()
  const [error, setError] = useState<string>()

  async function check() {
    setRunning(true)
    setError(undefined)
    try {
      setReport(await getApi().support.checkApi())
    } catch (err) {
      setReport(undefined)
      setError(errorMessage(err))
    } finally {
      setRunning(false)
    }
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('help.check.title')}</h2>
      <p>{t('help.check.intro')}</p>
      <div className="toolbar">
        <button type="button" onClick={() => void check()} disabled={running} aria-busy={running}>
          {running ? t('help.check.running') : t('help.check.run')}
        </button>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {t('help.failed', { reason: error })}
        </p>
      )}
      {report && !running && <Result report={report} />}
    </section>
  )
}
