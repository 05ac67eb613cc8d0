/**
 * The audit trail on screen: each bulk run and rule run as one entry (when, what, who started it, how it ended,
 * how many steps) whose steps open below it: each step's connection, what was done, its result and time, and why
 * it failed or was skipped. The fleet's runs on the Activity screen (with "Export CSV"), one connection's on its
 * History tab (its steps only). 20 runs a page.
 */
import { useId, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AuditEntry, AuditStep } from '../../../../shared/audit'
import { getApi } from '../../bridge'
import { LocalTime } from '../../ui/LocalTime'
import { pageOf, Pager } from '../../ui/Pager'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { detailText } from '../bulk/bulk-text'
import { SaveCsvButton } from '../exports/SaveCsvButton'
import { entryTitle, stepNameText } from './audit-text'
import { ConnectionLink } from './ConnectionLink'
import { useAudit } from './use-audit'
import './audit.css'

const PAGE = 20

/** `connectionId`: one connection's runs (its History tab); absent: the fleet's (the Activity screen). */
export function AuditList({ connectionId, names }: { connectionId?: string; names?: Map<string, string> | undefined }) {
  const { t } = useTranslation()
  const audit = useAudit(connectionId)
  const [page, setPage] = useState(0)
  const entries = audit.data?.entries ?? []
  const shownPage = Math.min(page, Math.max(0, Math.ceil(entries.length / PAGE) - 1))
  return (
    <div className="audit">
      <div className="toolbar audit-toolbar">
        <button type="button" onClick={() => void audit.refresh()} disabled={audit.loading}>
          {t('audit.refresh')}
        </button>
        {connectionId === undefined && (
          <SaveCsvButton label={t('audit.exportCsv')} disabled={entries.length === 0} save={() => getApi().history.saveAuditCsv({ limit: 1000 })} />
        )}
      </div>
      <RefreshNotice error={audit.error} onRetry={() => void audit.refresh()} />
      {audit.data === undefined ? (
        audit.loading && <p>{t('app.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="empty-state">{connectionId ? t('audit.tabEmpty') : t('audit.empty')}</p>
      ) : (
        <>
          <ol className="audit-entries" aria-label={t('audit.label')}>
            {pageOf(entries, shownPage, PAGE).map((entry) => (
              <AuditEntryItem key={entry.id} entry={entry} names={names} oneConnection={connectionId !== undefined} />
            ))}
          </ol>
          <Pager page={shownPage} size={PAGE} total={entries.length} onPage={setPage} label={t('audit.pager')} />
          {audit.data.truncated && <p className="field-hint">{t('audit.truncated', { count: entries.length })}</p>}
        </>
      )}
    </div>
  )
}

function AuditEntryItem({ entry, names, oneConnection }: { entry: AuditEntry; names: Map<string, string> | undefined; oneConnection: boolean }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const stepsId = useId()
  const title = entryTitle(t, entry)
  const text = t('audit.entry', { kind: t(`audit.kind.${entry.kind}`), title, by: t(`audit.by.${entry.by}`) })
  return (
    <li className={`audit-entry audit-outcome-${entry.outcome}`}>
      <div className="audit-entry-head">
        <span className="audit-entry-time">
          <LocalTime value={entry.startedAt} />
        </span>
        <span className="audit-entry-title">{text}</span>
        <span className="audit-entry-outcome">{t(`audit.outcome.${entry.outcome}`)}</span>
        <button type="button" className="link" aria-expanded={open} aria-controls={stepsId} onClick={() => setOpen(!open)}>
          {t('audit.stepCount', { count: entry.steps.length })}
          <span className="visually-hidden">: {text}</span>
        </button>
      </div>
      <div id={stepsId} hidden={!open}>
        {open && <AuditSteps steps={entry.steps} title={text} names={names} oneConnection={oneConnection} />}
      </div>
    </li>
  )
}

function AuditSteps({ steps, title, names, oneConnection }: { steps: readonly AuditStep[]; title: string; names: Map<string, string> | undefined; oneConnection: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="table-scroll">
      <table className="table compact audit-steps" aria-label={t('audit.stepsLabel', { title })}>
        <thead>
          <tr>
            <th scope="col">{t('audit.columns.time')}</th>
            {!oneConnection && <th scope="col">{t('audit.columns.connection')}</th>}
            <th scope="col">{t('audit.columns.step')}</th>
            <th scope="col">{t('audit.columns.result')}</th>
            <th scope="col">{t('audit.columns.details')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step, i) => (
            <tr key={`${step.connectionId}-${step.at}-${i}`} className={step.outcome === 'failed' ? 'audit-step-failed' : undefined}>
              <td>
                <LocalTime value={step.at} />
                {step.endedAt !== undefined && step.endedAt > step.at && (
                  <small className="muted"> ({t('audit.took', { seconds: Math.round((step.endedAt - step.at) / 100) / 10 })})</small>
                )}
              </td>
              {!oneConnection && (
                <td>
                  <ConnectionLink id={step.connectionId} name={names?.get(step.connectionId) ?? step.connectionName} />
                </td>
              )}
              <td>{stepNameText(t, step.step)}</td>
              <td>{t(`audit.stepOutcome.${step.outcome}`)}</td>
              <td>{stepDetail(t, step)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Why a step failed or was skipped, or what it found, as main recorded it. */
function stepDetail(t: TFunction, step: AuditStep): string {
  if (step.error) return step.error
  return step.detail ? detailText(t, step.detail) : ''
}
