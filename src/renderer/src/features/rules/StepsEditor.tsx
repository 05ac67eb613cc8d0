/**
 * A rule's chain as an ordered list: each step's kind (and its command or seconds), moved up or down or removed
 * by buttons named with the step's number; "Add a step" at the end. Focus follows the step a button acted on, so a
 * keyboard user keeps their place as the list reorders.
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { RuleStepKind } from '../../../../shared/rules'
import { TextField } from '../../ui/TextField'
import { MAX_STEPS, STEP_COMMANDS, STEP_KINDS, stepDraft, type StepCommand, type StepDraft } from './rule-draft'

interface Props {
  steps: readonly StepDraft[]
  onChange(steps: StepDraft[]): void
  /** Problems by field (`do`, `do.2.seconds` ...). */
  errors: Record<string, string>
}

type FocusGoal = { key: string; part: 'up' | 'down' | 'kind' | 'remove' } | { key: 'add' }

export function StepsEditor({ steps, onChange, errors }: Props) {
  const { t } = useTranslation()
  // Where focus goes once the list has re-rendered after a button changed it.
  const goalRef = useRef<FocusGoal>(undefined)
  const setGoal = (goal: FocusGoal) => {
    goalRef.current = goal
  }
  useEffect(() => {
    const goal = goalRef.current
    if (!goal) return
    goalRef.current = undefined
    const selector = goal.key === 'add' ? '[data-step-add]' : `[data-step="${goal.key}"] [data-part="${'part' in goal ? goal.part : ''}"]`
    const element = document.querySelector<HTMLElement>(selector)
    // A move button that is now disabled (the step reached an end) hands focus to its other move button.
    if (element && (element as HTMLButtonElement).disabled && 'part' in goal) {
      document.querySelector<HTMLElement>(`[data-step="${goal.key}"] [data-part="${goal.part === 'up' ? 'down' : 'up'}"]`)?.focus()
    } else element?.focus()
  })

  const update = (index: number, patch: Partial<StepDraft>) => onChange(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)))
  const move = (index: number, by: -1 | 1) => {
    const next = [...steps]
    const [step] = next.splice(index, 1)
    if (!step) return
    next.splice(index + by, 0, step)
    onChange(next)
    setGoal({ key: step.key, part: by < 0 ? 'up' : 'down' })
  }
  const remove = (index: number) => {
    const next = steps.filter((_, i) => i !== index)
    onChange(next)
    const after = next[index] ?? next[index - 1]
    setGoal(after ? { key: after.key, part: 'remove' } : { key: 'add' })
  }
  const add = () => {
    const step = stepDraft({ kind: 'check' })
    onChange([...steps, step])
    setGoal({ key: step.key, part: 'kind' })
  }

  return (
    <div className="rules-steps">
      <ol className="rules-step-list" aria-label={t('rules.editor.stepsLabel')}>
        {steps.map((step, index) => {
          const number = index + 1
          const secondsError = errors[`do.${index}.seconds`]
          return (
            <li key={step.key} data-step={step.key} className="rules-step" aria-label={t('rules.editor.stepLabel', { number })}>
              <span className="rules-step-number" aria-hidden="true">
                {number}.
              </span>
              <select
                data-part="kind"
                aria-label={t('rules.editor.stepKind', { number })}
                value={step.kind}
                onChange={(e) => update(index, { kind: e.target.value as RuleStepKind })}
              >
                {STEP_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`rules.steps.${kind}`)}
                  </option>
                ))}
              </select>
              {step.kind === 'command' && (
                <select aria-label={t('rules.editor.stepCommand', { number })} value={step.command} onChange={(e) => update(index, { command: e.target.value as StepCommand })}>
                  {STEP_COMMANDS.map((command) => (
                    <option key={command} value={command}>
                      {t(`connectionDetail.commands.${command}`)}
                    </option>
                  ))}
                </select>
              )}
              {step.kind === 'wait' && (
                <div className="rules-step-seconds">
                  <TextField
                    label={t('rules.editor.stepSeconds', { number })}
                    inputMode="numeric"
                    value={step.seconds}
                    error={secondsError}
                    onChange={(e) => update(index, { seconds: e.target.value })}
                  />
                </div>
              )}
              <span className="rules-step-buttons">
                <button type="button" data-part="up" aria-label={t('rules.editor.moveUp', { number })}
                  title={t('rules.editor.moveUp', { number })} disabled={index === 0} onClick={() => move(index, -1)}>
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  data-part="down"
                  aria-label={t('rules.editor.moveDown', { number })}
                  title={t('rules.editor.moveDown', { number })}
                  disabled={index === steps.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button type="button" data-part="remove" aria-label={t('rules.editor.removeStep', { number })}
                  title={t('rules.editor.removeStep', { number })} onClick={() => remove(index)}>
                  <span aria-hidden="true">✕</span>
                </button>
              </span>
            </li>
          )
        })}
      </ol>
      {errors.do && (
        <p role="alert" className="field-error">
          {errors.do}
        </p>
      )}
      <button type="button" data-step-add="" disabled={steps.length >= MAX_STEPS} onClick={add}>
        {t('rules.editor.addStep')}
      </button>
    </div>
  )
}
