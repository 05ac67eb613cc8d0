/** Rules in the reader's words: when a rule fires and what each step does, for the list, the dry run and the runs. */
import type { TFunction } from 'i18next'
import type { RuleStep, RuleTrigger, RuleWhen } from '../../../../shared/rules'

export function whenText(t: TFunction, when: RuleWhen): string {
  switch (when.event) {
    case 'offline':
      return t('rules.when.offline', { count: when.minutes })
    case 'check_failed':
      return t('rules.when.check_failed', { count: when.times })
    case 'ip_repeated':
      return t('rules.when.ip_repeated', { count: when.withinHours })
    case 'ip_not_changed':
      return t('rules.when.ip_not_changed')
  }
}

/** A trigger by its kind alone (the dry run's and the runs' column). */
export const triggerText = (t: TFunction, trigger: RuleTrigger): string => t(`rules.events.${trigger}`)

export function stepText(t: TFunction, step: RuleStep): string {
  switch (step.kind) {
    case 'command':
      return t('rules.steps.commandOf', { command: t(`connectionDetail.commands.${step.command}`) })
    case 'wait':
      return t('rules.steps.waitOf', { count: step.seconds })
    default:
      return t(`rules.steps.${step.kind}`)
  }
}

/** The chain in one line: "Change IP and verify → Send “Reboot” → Wait 120 seconds → …". */
export const stepsText = (t: TFunction, steps: readonly RuleStep[]): string => steps.map((step) => stepText(t, step)).join(' → ')
