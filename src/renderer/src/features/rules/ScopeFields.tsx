/**
 * Which connections a rule acts on: all, the ones ticked in a list of the account's connections, or those matching
 * a fleet filter (shared/fleet-filter.ts, the same text `iproxy bulk --filter` reads).
 */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useConnectionNames } from '../../stores/connections'
import { TextField } from '../../ui/TextField'
import type { RuleDraft, ScopeChoice } from './rule-draft'

interface Props {
  draft: RuleDraft
  errors: Record<string, string>
  onChange(change: Partial<RuleDraft>): void
}

const CHOICES: ReadonlyArray<{ value: ScopeChoice; label: 'rules.editor.scopeAll' | 'rules.editor.scopeIds' | 'rules.editor.scopeFilter' }> = [
  { value: 'all', label: 'rules.editor.scopeAll' },
  { value: 'ids', label: 'rules.editor.scopeIds' },
  { value: 'filter', label: 'rules.editor.scopeFilter' },
]

export function ScopeFields({ draft, errors, onChange }: Props) {
  const { t } = useTranslation()
  const name = useId()
  const idsError = errors['scope.connectionIds']
  const { connections } = useConnectionNames(draft.scope === 'ids')
  // Ids the rule names that the account no longer lists stay ticked, shown by id, so saving keeps them.
  const listed = new Set((connections ?? []).map((c) => c.id))
  const choices = [...(connections ?? []).map((c) => ({ id: c.id, name: c.basic_info.name })), ...draft.ids.filter((id) => !listed.has(id)).map((id) => ({ id, name: id }))]
  const chosen = new Set(draft.ids)

  return (
    <fieldset className="fieldset">
      <legend>{t('rules.editor.scopeLegend')}</legend>
      <div className="rules-scope-choices">
        {CHOICES.map((choice) => (
          <label key={choice.value} className="choice">
            <input type="radio" name={name} checked={draft.scope === choice.value} onChange={() => onChange({ scope: choice.value })} />
            {t(choice.label)}
          </label>
        ))}
      </div>
      {draft.scope === 'ids' && (
        <fieldset className="rules-scope-ids">
          <legend className="visually-hidden">{t('rules.editor.scopeIdsLabel')}</legend>
          {connections === undefined && <p>{t('app.loading')}</p>}
          {choices.map((choice) => (
            <label key={choice.id} className="choice">
              <input
                type="checkbox"
                checked={chosen.has(choice.id)}
                aria-invalid={idsError ? true : undefined}
                aria-describedby={idsError ? `${name}-ids-error` : undefined}
                onChange={(e) => onChange({ ids: e.target.checked ? [...draft.ids, choice.id] : draft.ids.filter((id) => id !== choice.id) })}
              />
              {choice.name}
            </label>
          ))}
        </fieldset>
      )}
      {draft.scope === 'ids' && idsError && (
        <p id={`${name}-ids-error`} role="alert" className="field-error">
          {idsError}
        </p>
      )}
      {draft.scope === 'filter' && (
        <TextField
          label={t('rules.editor.filter')}
          hint={t('rules.editor.filterHint')}
          spellCheck={false}
          value={draft.filter}
          error={errors['scope.filter']}
          onChange={(e) => onChange({ filter: e.target.value })}
        />
      )}
    </fieldset>
  )
}
