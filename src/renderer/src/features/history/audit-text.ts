/**
 * The audit trail in the reader's words: a run's title, a step's name and outcome. A step is named as main records
 * it (a command's own name such as `reboot`, or `change_ip_verify`, `settings`, `wait`, `check` ...); commands read
 * as the connection's Commands section says them, so "Fix LTE" is the same word everywhere.
 */
import type { TFunction } from 'i18next'
import type { AuditEntry } from '../../../../shared/audit'
import { COMMAND_ACTIONS, type CommandAction } from '../../../../shared/iproxy'
import { parseTried, type RuleStepResult } from '../../../../shared/rules'
import { actionText } from './event-text'

const AUDIT_STEPS = ['change_ip_verify', 'settings', 'prolong', 'ovpn', 'wait', 'check', 'alert'] as const
type AuditStepName = (typeof AUDIT_STEPS)[number]
const STEP_OUTCOMES: ReadonlyArray<RuleStepResult['outcome']> = ['ok', 'failed', 'skipped', 'cancelled']

/** A command the Commands section names (turning the proxy on or off is two buttons there, so it has its own word). */
const isCommand = (name: string): name is Exclude<CommandAction, 'toggle_proxy'> => name !== 'toggle_proxy' && (COMMAND_ACTIONS as readonly string[]).includes(name)

/** A step or a bulk run's action by the name main records. */
export function stepNameText(t: TFunction, name: string): string {
  if (name === 'toggle_proxy') return t('bulk.actions.toggle')
  if (isCommand(name)) return t(`connectionDetail.commands.${name}`)
  if ((AUDIT_STEPS as readonly string[]).includes(name)) return t(`audit.steps.${name as AuditStepName}`)
  return actionText(t, name)
}

/** A run's title: a bulk run's action in words, a rule run's rule by its own name. */
export const entryTitle = (t: TFunction, entry: AuditEntry): string => (entry.kind === 'rule' ? entry.title : stepNameText(t, entry.title))

/** What a rule's chain tried, from a `rule_alert`'s `tried` ("change_ip_verify:failed, reboot:ok"), in words. */
export function triedText(t: TFunction, tried: string): string {
  return parseTried(tried)
    .map(({ step, outcome }) => {
      const known = STEP_OUTCOMES.find((o) => o === outcome)
      return known ? `${stepNameText(t, step)}: ${t(`rules.runs.step.${known}`)}` : stepNameText(t, step)
    })
    .join(', ')
}
