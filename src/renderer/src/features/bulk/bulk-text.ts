/**
 * Bulk runs in the reader's words: an action's name, what it will do (the confirmation), a connection's result.
 * Command names are the connection's Commands section's, so "Fix LTE" reads the same on one phone and on many.
 */
import type { TFunction } from 'i18next'
import type { BulkAction, BulkItem, BulkRun } from '../../../../shared/bulk'
import type { CommandAction, SettingsField } from '../../../../shared/iproxy'

/** A command by its name, as the connection's Commands section says it. */
export function commandText(t: TFunction, command: CommandAction): string {
  return command === 'toggle_proxy' ? t('bulk.actions.toggle') : t(`connectionDetail.commands.${command}`)
}

/** The action's short name: a results panel's title, a confirmation's title. */
export function actionText(t: TFunction, action: BulkAction): string {
  switch (action.kind) {
    case 'command':
      if (action.command === 'toggle_proxy') return action.enabled ? t('bulk.actions.toggleOn') : t('bulk.actions.toggleOff')
      return commandText(t, action.command)
    case 'change_ip_verify':
      return t('bulk.actions.changeIpVerify')
    case 'settings':
      return t('bulk.actions.settings')
    case 'prolong':
      return t('bulk.actions.prolong')
    case 'ovpn':
      return t('bulk.actions.ovpn')
  }
}

/** A setting's value as the confirmation lists it: on/off, a list, or the text. */
function settingValue(t: TFunction, value: unknown): string {
  if (typeof value === 'boolean') return value ? t('bulk.settings.on') : t('bulk.settings.off')
  if (Array.isArray(value)) return value.join(', ')
  return String(value)
}

/** What happens to each connection, in a sentence, for the confirmation. */
export function whatHappens(t: TFunction, action: BulkAction): string {
  switch (action.kind) {
    case 'command':
      if (action.command === 'changeip') return t('bulk.what.changeip')
      if (action.command === 'reboot') return t('bulk.what.reboot')
      if (action.command === 'toggle_proxy') return action.enabled ? t('bulk.what.toggleOn') : t('bulk.what.toggleOff')
      return t('bulk.what.command', { command: commandText(t, action.command) })
    case 'change_ip_verify':
      return t('bulk.what.changeIpVerify')
    case 'settings': {
      const settings = Object.entries(action.settings)
        .map(([field, value]) => `${t(`connectionDetail.settings.fields.${field as SettingsField}`)} = ${settingValue(t, value)}`)
        .join('; ')
      return t('bulk.what.settings', { settings })
    }
    case 'prolong':
      return t('bulk.what.prolong', { count: action.days })
    case 'ovpn':
      return t('bulk.actions.ovpn')
  }
}

/** The confirmation's title: the reboot and change-IP questions people know from the bar, else "Action: N connections". */
export function confirmTitle(t: TFunction, action: BulkAction, count: number): string {
  if (action.kind === 'command' && action.command === 'reboot') return t('connections.bulk.rebootTitle', { count })
  if (action.kind === 'command' && action.command === 'changeip') return t('bulk.confirm.changeIpTitle', { count })
  return t('bulk.confirm.title', { action: actionText(t, action), count })
}

/** The names of a list, the first few and "and N more". */
export function namesText(t: TFunction, names: readonly string[], shown = 5): string {
  const first = names.slice(0, shown).join(', ')
  return names.length > shown ? t('bulk.confirm.namesMore', { names: first, count: names.length - shown }) : t('bulk.confirm.names', { names: first })
}

/** The API's answer to a command it took. */
const SENT = /^\w+ command has been sent\.?$/

const REASONS = ['no_such_connection', 'no_proxy', 'no_active_plan', 'no_vpn_access', 'cancelled'] as const
const ROTATE_STATUSES = ['timeout', 'no_proxy', 'check_failed', 'command_failed', 'cancelled'] as const

/**
 * A reason main gave a code for, in the interface language: its own reasons and change-IP-and-verify's outcomes.
 * Others (an API error, with its status) keep main's words, which carry the details.
 */
function reasonText(t: TFunction, code: string | undefined): string | undefined {
  if (!code) return undefined
  const reason = REASONS.find((r) => r === code)
  if (reason) return t(`bulk.reasons.${reason}`)
  const rotate = ROTATE_STATUSES.find((s) => `change_ip_${s}` === code)
  return rotate ? t(`health.rotate.status.${rotate}`) : undefined
}

/** Why an item failed or was skipped, or what it found (a change of IP's old and new address). */
export function itemDetail(t: TFunction, item: BulkItem): string {
  const worded = reasonText(t, item.code)
  if (worded) return worded
  if (item.reason) return item.reason
  return item.detail ? detailText(t, item.detail) : ''
}

/** Where a run is, in a sentence: the results panel's spoken status. */
export function runStatusText(t: TFunction, run: BulkRun): string {
  const action = actionText(t, run.action)
  const c = run.counts
  switch (run.state) {
    case 'running':
      return t('bulk.results.running', { action, finished: c.done + c.failed + c.skipped + c.cancelled, total: c.total })
    case 'cancelling':
      return t('bulk.results.cancelling', { action })
    case 'done':
      return t('bulk.results.done', { action })
    case 'cancelled':
      return t('bulk.results.cancelled', { action })
  }
}

/** What a step found, as main recorded it: a change of IP's addresses, the API's answer to a command, else its facts. */
export function detailText(t: TFunction, detail: Record<string, string | number | boolean>): string {
  if (typeof detail.newIp === 'string') return t('bulk.results.ipChange', { old: typeof detail.oldIp === 'string' ? detail.oldIp : '—', new: detail.newIp })
  // The API answers every command with "<action> command has been sent": said in words, as the Commands section does.
  if (typeof detail.message === 'string') return SENT.test(detail.message) ? t('bulk.results.sentToPhone') : detail.message
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ')
}
