/** The rules as a table: each one's switch (saved at once), name, when it fires, its steps, and its buttons. */
import { useTranslation } from 'react-i18next'
import type { Rule } from '../../../../shared/rules'
import { stepsText, whenText } from './rule-text'

interface Props {
  rules: readonly Rule[]
  busy: boolean
  onToggle(rule: Rule, enabled: boolean): void
  onEdit(rule: Rule): void
  onDryRun(rule: Rule): void
  onRemove(rule: Rule): void
}

export function RuleList({ rules, busy, onToggle, onEdit, onDryRun, onRemove }: Props) {
  const { t } = useTranslation()
  return (
    <div className="table-scroll">
      <table className="table rules-table" aria-label={t('rules.list.label')}>
        <thead>
          <tr>
            <th scope="col">{t('rules.list.columns.on')}</th>
            <th scope="col">{t('rules.list.columns.name')}</th>
            <th scope="col">{t('rules.list.columns.when')}</th>
            <th scope="col">{t('rules.list.columns.steps')}</th>
            <th scope="col">{t('rules.list.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.id} data-rule={rule.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('rules.list.on', { name: rule.name })}
                  checked={rule.enabled}
                  disabled={busy}
                  onChange={(e) => onToggle(rule, e.target.checked)}
                />
              </td>
              <th scope="row">{rule.name}</th>
              <td>{whenText(t, rule.when)}</td>
              <td className="rules-steps-cell">{stepsText(t, rule.do)}</td>
              <td className="row-actions">
                <button type="button" data-part="edit" aria-label={t('rules.list.editOf', { name: rule.name })} onClick={() => onEdit(rule)}>
                  {t('rules.list.edit')}
                </button>
                <button type="button" onClick={() => onDryRun(rule)} aria-label={t('rules.dryRun.buttonOf', { name: rule.name })}>
                  {t('rules.dryRun.button')}
                </button>
                <button type="button" className="danger" disabled={busy} aria-label={t('rules.list.removeOf', { name: rule.name })} onClick={() => onRemove(rule)}>
                  {t('rules.list.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
