/**
 * One rule's form: name and on/off, when (the event and its number), the steps, the limits and which connections.
 * Save checks the whole rule with the shared schema first and puts each problem on its field (focus goes to the
 * first); what main then refuses lands on the same fields. Dry run tries the rule as it is on the form.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Rule } from '../../../../shared/rules'
import { RULE_TRIGGERS } from '../../../../shared/rules'
import { useWatch } from '../../stores/watch'
import { formErrors } from '../../ui/form-errors'
import { issueText } from '../../ui/issue-text'
import { SelectField } from '../../ui/SelectField'
import { TextField } from '../../ui/TextField'
import { checkRule, fieldsOfRule, isTrigger, placeProblems, TRIGGER_FIELD, withRule, type RuleDraft } from './rule-draft'
import { ScopeFields } from './ScopeFields'
import { StepsEditor } from './StepsEditor'

interface Props {
  draft: RuleDraft
  /** The id of the stored rule being edited; undefined for a new one. */
  editing: string | undefined
  rules: readonly Rule[]
  onChange(draft: RuleDraft): void
  save(rules: Rule[]): Promise<void>
  onSaved(rule: Rule): void
  onCancel(): void
  onDryRun(rule: Rule): void
}

export function RuleEditor({ draft, editing, rules, onChange, save, onSaved, onCancel, onDryRun }: Props) {
  const { t } = useTranslation()
  const titleId = useId()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState(0)
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (refused > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [refused])
  const patch = (change: Partial<RuleDraft>) => onChange({ ...draft, ...change })
  // `check_failed` is raised once, at the watch's own count of failures in a row: a rule waiting for more never runs.
  const watchFailures = useWatch((s) => s.settings?.settings.checkFailuresInRow)
  useEffect(() => {
    if (useWatch.getState().settings === undefined) void useWatch.getState().loadSettings()
  }, [])
  const timesNeverReached = draft.event === 'check_failed' && watchFailures !== undefined && Number(draft.times) > watchFailures

  /** The rule as on the form, or undefined with its problems shown. */
  function checked(): Rule | undefined {
    const result = checkRule(draft)
    if (result.ok) {
      setErrors({})
      setFormError(undefined)
      return result.rule
    }
    const fields: Record<string, string> = {}
    for (const problem of result.problems) fields[problem.field] ??= 'own' in problem ? t(`rules.editor.${problem.own}`) : issueText(problem.issue)
    const { onFields, elsewhere } = placeProblems(fields)
    setErrors(onFields)
    setFormError([t('rules.editor.fixErrors'), ...elsewhere].join(' '))
    setRefused((n) => n + 1)
    return undefined
  }

  async function submit(): Promise<void> {
    const rule = checked()
    if (!rule) return
    const next = withRule(rules, rule, editing)
    setBusy(true)
    try {
      await save(next)
      onSaved(rule)
    } catch (err) {
      const { fields, form } = formErrors(err)
      const { mine, other } = fieldsOfRule(fields, next.findIndex((r) => r.id === rule.id))
      const { onFields, elsewhere } = placeProblems(mine)
      setErrors(onFields)
      setFormError([form, ...elsewhere, ...other].filter(Boolean).join(' ') || t('rules.editor.fixErrors'))
      setRefused((n) => n + 1)
    } finally {
      setBusy(false)
    }
  }

  const numberField = TRIGGER_FIELD[draft.event]
  return (
    <section className="rules-editor" aria-labelledby={titleId}>
      <h2 id={titleId}>{editing ? t('rules.editor.editTitle', { name: rules.find((r) => r.id === editing)?.name ?? draft.name }) : t('rules.editor.newTitle')}</h2>
      <form
        ref={formRef}
        aria-labelledby={titleId}
        className="rules-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <TextField label={t('rules.editor.name')} value={draft.name} error={errors.name} onChange={(e) => patch({ name: e.target.value })} />
        <label className="choice">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => patch({ enabled: e.target.checked })} aria-describedby={`${titleId}-enabled`} />
          {t('rules.editor.enabled')}
        </label>
        <small id={`${titleId}-enabled`} className="field-hint">
          {t('rules.editor.enabledHint')}
        </small>

        <fieldset className="fieldset">
          <legend>{t('rules.editor.whenLegend')}</legend>
          <div className="rules-when">
            <SelectField
              label={t('rules.editor.event')}
              value={draft.event}
              options={RULE_TRIGGERS.map((event) => ({ value: event, label: t(`rules.events.${event}`) }))}
              onChange={(value) => isTrigger(value) && patch({ event: value })}
            />
            {numberField && (
              <TextField
                label={t(`rules.editor.${numberField}`)}
                inputMode="numeric"
                value={draft[numberField]}
                {...(timesNeverReached && numberField === 'times' ? { hint: t('rules.editor.timesNeverReached', { count: watchFailures }) } : {})}
                error={errors[`when.${numberField}`]}
                onChange={(e) => patch({ [numberField]: e.target.value })}
              />
            )}
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('rules.editor.doLegend')}</legend>
          <StepsEditor steps={draft.steps} errors={errors} onChange={(steps) => patch({ steps })} />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('rules.editor.limitsLegend')}</legend>
          <TextField
            label={t('rules.editor.maxRuns')}
            inputMode="numeric"
            value={draft.maxRunsPerHour}
            error={errors['limits.maxRunsPerHour']}
            onChange={(e) => patch({ maxRunsPerHour: e.target.value })}
          />
          <label className="choice">
            <input type="checkbox" checked={draft.stopOnSuccess} onChange={(e) => patch({ stopOnSuccess: e.target.checked })} />
            {t('rules.editor.stopOnSuccess')}
          </label>
          <p className="field-hint">{t('rules.editor.busyNote')}</p>
        </fieldset>

        <ScopeFields draft={draft} errors={errors} onChange={patch} />

        {formError && (
          <p role="alert" className="form-error">
            {formError}
          </p>
        )}
        <div className="dialog-actions rules-form-actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('rules.editor.cancel')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              const rule = checked()
              if (rule) onDryRun(rule)
            }}
          >
            {t('rules.dryRun.button')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('app.saving') : t('rules.editor.save')}
          </button>
        </div>
      </form>
    </section>
  )
}
