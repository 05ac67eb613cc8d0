import { useTranslation } from 'react-i18next'
import type { ProxyExportSummary } from '../../../../shared/exports'
import { noteText, skipText } from './export-labels'

const SHOWN_SKIPPED = 20

/** Notes, left-out proxies and vanished ids of an export, in words. */
export function ExportSummaryDetails({ summary, describe }: { summary: ProxyExportSummary; describe?: (proxyId: string) => string }) {
  const { t } = useTranslation()
  return (
    <>
      {summary.notes.map((note) => (
        <p key={note.kind} className="notice">
          {noteText(t, note)}
        </p>
      ))}
      {summary.missing.length > 0 && <p className="notice">{t('exports.missing', { count: summary.missing.length })}</p>}
      {summary.skipped.length > 0 && (
        <div className="exports-skipped">
          <p>{t('exports.skippedTitle', { count: summary.skipped.length })}</p>
          <ul>
            {summary.skipped.slice(0, SHOWN_SKIPPED).map((s) => (
              <li key={`${s.proxyId}:${s.reason}`}>
                <code>{describe?.(s.proxyId) ?? s.proxyId}</code>: {skipText(t, s)}
              </li>
            ))}
            {summary.skipped.length > SHOWN_SKIPPED && <li>…</li>}
          </ul>
        </div>
      )}
    </>
  )
}
