/**
 * A rule's dry run: what it would have done over the last 24 hours of history (main's `rules.dryRun`, which sends
 * nothing): each time it would have fired, on which connection, why, and whether it would have run or its limits
 * would have held it back, with the steps it would have taken. 50 a page.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DryRunReport } from '../../../../shared/rules'
import { ConnectionLink } from '../history/ConnectionLink'
import { LocalTime } from '../../ui/LocalTime'
import { pageOf, Pager } from '../../ui/Pager'
import { stepsText, triggerText } from './rule-text'

const PAGE = 50

export interface DryRunState {
  ruleName: string
  report?: DryRunReport
  error?: string
}

export function DryRunPanel({ state, names, onClose }: { state: DryRunState; names: Map<string, string> | undefined; onClose(): void }) {
  const { t } = useTranslation()
  const titleId = useId()
  const [page, setPage] = useState(0)
  const hits = state.report?.hits ?? []
  const run = hits.filter((hit) => hit.verdict === 'run').length
  return (
    <section className="rules-dry-run" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        {t('rules.dryRun.title', { name: state.ruleName })}
      </h2>
      <p className="field-hint">{t('rules.dryRun.intro')}</p>
      <div aria-live="polite">
        {!state.report && !state.error && <p role="status">{t('rules.dryRun.running')}</p>}
        {state.error && (
          <p role="alert" className="form-error">
            {state.error}
          </p>
        )}
        {state.report && (
          <p role="status">{hits.length === 0 ? t('rules.dryRun.none') : t('rules.dryRun.summary', { count: hits.length, run, limited: hits.length - run })}</p>
        )}
      </div>
      {hits.length > 0 && (
        <div className="table-scroll">
          <table className="table compact rules-dry-run-table" aria-label={t('rules.dryRun.tableLabel', { name: state.ruleName })}>
            <thead>
              <tr>
                <th scope="col">{t('rules.dryRun.columns.connection')}</th>
                <th scope="col">{t('rules.dryRun.columns.time')}</th>
                <th scope="col">{t('rules.dryRun.columns.trigger')}</th>
                <th scope="col">{t('rules.dryRun.columns.verdict')}</th>
                <th scope="col">{t('rules.dryRun.columns.steps')}</th>
              </tr>
            </thead>
            <tbody>
              {pageOf(hits, page, PAGE).map((hit, i) => (
                <tr key={`${hit.connectionId}-${hit.at}-${page * PAGE + i}`}>
                  <th scope="row">
                    <ConnectionLink id={hit.connectionId} name={names?.get(hit.connectionId) ?? hit.connectionName} />
                  </th>
                  <td>
                    <LocalTime value={hit.at} />
                  </td>
                  <td>{triggerText(t, hit.trigger)}</td>
                  <td className={hit.verdict === 'run' ? 'rules-verdict-run' : 'rules-verdict-limited'}>
                    {hit.verdict === 'run' ? t('rules.dryRun.run') : t('rules.dryRun.limited')}
                  </td>
                  <td>{stepsText(t, hit.steps)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} size={PAGE} total={hits.length} onPage={setPage} label={t('rules.dryRun.tableLabel', { name: state.ruleName })} />
      <div className="toolbar">
        <button type="button" onClick={onClose}>
          {t('app.close')}
        </button>
      </div>
    </section>
  )
}
