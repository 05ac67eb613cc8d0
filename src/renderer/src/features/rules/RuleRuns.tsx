/**
 * Rule runs as they happen (the `rules.run` event): each firing with its connection, what fired it, how it ended
 * and each step's outcome. A polite live region, so a screen reader hears a run start and end without losing its
 * place; the history of all runs is on the Activity screen.
 */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { RuleRun } from '../../../../shared/rules'
import { LocalTime } from '../../ui/LocalTime'
import { stepText, triggerText } from './rule-text'

const SHOWN = 20

export function RuleRuns({ runs, names }: { runs: readonly RuleRun[]; names: Map<string, string> | undefined }) {
  const { t } = useTranslation()
  const titleId = useId()
  return (
    <section className="rules-runs" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('rules.runs.title')}</h2>
      <p className="field-hint">{t('rules.runs.intro')}</p>
      <div aria-live="polite">
        {runs.length === 0 ? (
          <p className="empty-state">{t('rules.runs.empty')}</p>
        ) : (
          <ul className="rules-run-list" aria-label={t('rules.runs.label')}>
            {runs.slice(0, SHOWN).map((run) => (
              <li key={run.id} className={`rules-run rules-run-${run.outcome}`}>
                <p className="rules-run-head">
                  <strong>{t('rules.runs.run', { rule: run.ruleName, connection: names?.get(run.connectionId) ?? run.connectionName ?? run.connectionId })}</strong>{' '}
                  <span className="rules-run-outcome">{t(`rules.runs.outcome.${run.outcome}`)}</span>{' '}
                  <small className="muted">
                    <LocalTime value={run.startedAt} />
                  </small>
                </p>
                <p className="field-hint">{t('rules.runs.trigger', { trigger: triggerText(t, run.trigger.event) })}</p>
                <ol className="rules-run-steps">
                  {run.steps.map((step, i) => (
                    <li key={`${step.at}-${i}`} className={`rules-step-${step.outcome}`}>
                      {stepText(t, step.step)}: {t(`rules.runs.step.${step.outcome}`)}
                      {step.reason ? ` — ${step.reason}` : ''}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
