/**
 * History records in the reader's words: a status, a check's result, an action the app took. The same wording
 * serves a connection's History tab and the fleet timeline. Status and check words are the ones the connection
 * header and the health screen already use, so "Offline" or "Timeout" reads the same everywhere.
 */
import type { TFunction } from 'i18next'
import { HEALTH_STATUSES } from '../../../../shared/health'
import type { TimelineEvent } from '../../../../shared/history'
import { ONLINE_STATUSES } from '../../../../shared/iproxy'

const KNOWN_ACTIONS = ['change_ip', 'changeip', 'reboot', 'settings', 'basic_info', 'change_plan', 'prolongate_plan', 'action_link'] as const
type KnownAction = (typeof KNOWN_ACTIONS)[number]

export function statusText(t: TFunction, status: string): string {
  const known = (ONLINE_STATUSES as readonly string[]).includes(status)
  return known ? t(`connectionDetail.status.${status as (typeof ONLINE_STATUSES)[number]}`) : status
}

function checkStatusText(t: TFunction, status: string): string {
  const known = (HEALTH_STATUSES as readonly string[]).includes(status)
  return known ? t(`health.status.${status as (typeof HEALTH_STATUSES)[number]}`) : status
}

/** A command or change by its name ("Change IP", "Reboot"); a command the app has no words for, as the API names it. */
export function actionText(t: TFunction, action: string): string {
  return (KNOWN_ACTIONS as readonly string[]).includes(action) ? t(`history.actions.${action as KnownAction}`) : action
}

/** One line saying what happened (the time and the connection are shown beside it). */
export function eventText(t: TFunction, event: TimelineEvent): string {
  switch (event.kind) {
    case 'status':
      return t('history.event.status', { status: statusText(t, event.status) })
    case 'check': {
      if (event.ok) {
        return event.exitIp
          ? t('history.event.checkOkIp', { ms: Math.round(event.totalMs), ip: event.exitIp })
          : t('history.event.checkOk', { ms: Math.round(event.totalMs) })
      }
      const status = checkStatusText(t, event.status)
      return event.error ? t('history.event.checkFailedWhy', { status, error: event.error }) : t('history.event.checkFailed', { status })
    }
    case 'ip':
      return t('history.event.ip', { ip: event.ip })
    case 'action': {
      const action = actionText(t, event.action)
      const by = t(`history.by.${event.by}`)
      const ips = ipChange(event.detail)
      if (event.outcome === 'ok' && ips) return t('history.event.actionOkIps', { action, by, ...ips })
      if (event.outcome === 'ok') return t('history.event.actionOk', { action, by })
      return event.error ? t('history.event.actionFailedWhy', { action, by, error: event.error }) : t('history.event.actionFailed', { action, by })
    }
  }
}

/** A change of IP's old and new address, as app-recording.ts stores them in the action's detail. */
function ipChange(detail: unknown): { from: string; to: string } | undefined {
  if (!detail || typeof detail !== 'object') return undefined
  const { oldIp, newIp } = detail as { oldIp?: unknown; newIp?: unknown }
  if (typeof newIp !== 'string') return undefined
  return { from: typeof oldIp === 'string' ? oldIp : '—', to: newIp }
}

/** Whether the event is bad news (a failed check or action, the connection going offline): drawn in the warning colour. */
export function isBad(event: TimelineEvent): boolean {
  if (event.kind === 'check') return !event.ok
  if (event.kind === 'action') return event.outcome === 'failed'
  if (event.kind === 'status') return event.status === 'offline' || event.status === 'flapping'
  return false
}
