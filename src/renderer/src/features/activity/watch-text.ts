/**
 * The fleet watch in the reader's words: one event's details and the fleet's state, shared by the Activity screen
 * and the Alerts screen's pause line.
 */
import type { TFunction } from 'i18next'
import type { WatchEvent, WatchStatus } from '../../../../shared/watch'
import { DATE_TIME, durationText, localTimeText } from '../../ui/time-text'
import { triedText } from '../history/audit-text'

/** A time beside the event's own: the time of day when on the same day, else the date too. */
function timeNear(at: number, event: WatchEvent): string {
  return localTimeText(at, new Date(at).toDateString() === new Date(event.at).toDateString() ? { timeStyle: 'short' } : DATE_TIME)
}

const num = (event: WatchEvent, key: string): number | undefined => (typeof event.data?.[key] === 'number' ? (event.data[key] as number) : undefined)
const str = (event: WatchEvent, key: string): string | undefined => {
  const value = event.data?.[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** What happened, beside the time, the kind and the connection. */
export function watchEventText(t: TFunction, event: WatchEvent): string {
  switch (event.kind) {
    case 'connection_offline': {
      const since = num(event, 'offlineSince')
      return since === undefined ? t('activity.text.offline') : t('activity.text.offlineSince', { time: timeNear(since, event) })
    }
    case 'connection_online':
      return t('activity.text.online')
    case 'check_failed':
      return t('activity.text.checkFailed', { count: num(event, 'failures') ?? 1 })
    case 'ip_not_changed': {
      const ip = str(event, 'ip')
      return ip ? t('activity.text.ipNotChanged', { ip }) : t('activity.text.ipNotChangedNoIp')
    }
    case 'plan_expiring': {
      const endsAt = num(event, 'planEndsAt')
      return endsAt === undefined ? t('activity.text.planExpiringSoon') : t('activity.text.planExpiring', { time: timeNear(endsAt, event) })
    }
    case 'api_unreachable': {
      const reason = str(event, 'reason')
      return reason ? t('activity.text.apiUnreachable', { reason }) : t('activity.text.apiUnreachableNoReason')
    }
    case 'api_recovered':
      return t('activity.text.apiRecovered')
    case 'rate_limited': {
      const wait = num(event, 'retryAfterMs')
      return wait === undefined ? t('activity.text.rateLimitedNoTime') : t('activity.text.rateLimited', { seconds: Math.ceil(wait / 1000) })
    }
    case 'ip_repeated': {
      const ip = str(event, 'ip')
      const after = num(event, 'returnedAfterMs')
      if (!ip) return t('activity.text.ipRepeatedNoIp')
      return after === undefined ? t('activity.text.ipRepeatedNoTime', { ip }) : t('activity.text.ipRepeated', { ip, duration: durationText(after) })
    }
    case 'rule_alert': {
      // `tried` is main's list of the steps and their outcomes (shared/rules.ts formatTried); the name is the user's own.
      const rule = str(event, 'rule') ?? ''
      const tried = str(event, 'tried')
      return tried ? t('activity.text.ruleAlert', { rule, tried: triedText(t, tried) }) : t('activity.text.ruleAlertNoSteps', { rule })
    }
  }
}

/** Offline, API down: shown as a problem. */
export const isProblem = (event: WatchEvent): boolean => ['connection_offline', 'check_failed', 'ip_not_changed', 'plan_expiring', 'api_unreachable', 'rate_limited', 'ip_repeated', 'rule_alert'].includes(event.kind)

/** The fleet's state in a sentence (the status line). */
export function fleetText(t: TFunction, status: WatchStatus | undefined): string {
  if (!status) return t('activity.status.checking')
  if (!status.running) return t('activity.status.notWatching')
  switch (status.state) {
    case 'unknown':
      return t('activity.status.checking')
    case 'all_online':
      return t('activity.status.allOnline', { count: status.counts.total })
    case 'some_offline':
      return t('activity.status.someOffline', { count: status.counts.total, offline: status.counts.offline })
    case 'api_unreachable':
      return t('activity.status.apiUnreachable')
  }
}

/** The pause, when one is on now. */
export const pausedUntil = (status: WatchStatus | undefined, now = Date.now()): number | undefined =>
  status?.pausedUntil !== undefined && status.pausedUntil > now ? status.pausedUntil : undefined
