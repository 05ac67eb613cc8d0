/**
 * What the tray shows, from the watch's status: an icon for the fleet's state, a tooltip that says it in words, and
 * the menu (counts, open the window, check all now, pause alerts for an hour or resume, quit). Plain data: the shell
 * (main/window.ts) turns it into Electron's Tray and Menu, so everything here is tested in Node.
 */
import type { UiLanguage } from '../../shared/bridge'
import type { FleetState, WatchStatus } from '../../shared/watch'
import { DESKTOP_TEXT } from './desktop-text'

/** One icon per thing the tray can say; tray-icon.ts draws each. */
export const TRAY_ICONS = ['idle', 'unknown', 'online', 'offline', 'unreachable'] as const
export type TrayIconName = (typeof TRAY_ICONS)[number]

const ICON_OF: Record<FleetState, TrayIconName> = {
  unknown: 'unknown',
  all_online: 'online',
  some_offline: 'offline',
  api_unreachable: 'unreachable',
}

/** What a menu item does when clicked; `counts` is a label only. */
export type TrayAction = 'open' | 'checkNow' | 'pause' | 'resume' | 'quit'

export type TrayMenuItem = { kind: 'label'; label: string } | { kind: 'separator' } | { kind: 'action'; action: TrayAction; label: string; enabled: boolean }

export interface TrayView {
  icon: TrayIconName
  tooltip: string
  menu: TrayMenuItem[]
}

/** One hour: the tray's "pause alerts" (the settings screen offers the same). */
export const TRAY_PAUSE_MINUTES = 60

function timeText(at: number, language: UiLanguage, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(at)
}

/** The state in words (the tooltip's first line). */
export function stateText(status: WatchStatus, language: UiLanguage): string {
  const text = DESKTOP_TEXT[language]
  if (!status.running) return text.notWatching
  const { total, offline } = status.counts
  switch (status.state) {
    case 'unknown':
      return text.checking
    case 'all_online':
      return text.allOnline(total)
    case 'some_offline':
      return text.someOffline(offline, total)
    case 'api_unreachable':
      return text.apiUnreachable
  }
}

export function trayView(status: WatchStatus, language: UiLanguage, now: number, timeZone?: string): TrayView {
  const text = DESKTOP_TEXT[language]
  const paused = status.pausedUntil !== undefined && status.pausedUntil > now
  const pausedLine = paused ? text.pausedUntil(timeText(status.pausedUntil as number, language, timeZone)) : undefined
  const tooltip = [text.appName, stateText(status, language), ...(pausedLine ? [pausedLine] : [])].join('\n')
  // The counts are only worth a line once a cycle has counted something the API answered.
  const counted = status.running && (status.state === 'all_online' || status.state === 'some_offline')
  const menu: TrayMenuItem[] = [
    { kind: 'label', label: stateText(status, language) },
    ...(counted ? [{ kind: 'label' as const, label: text.counts(status.counts.online, status.counts.offline) }] : []),
    ...(pausedLine ? [{ kind: 'label' as const, label: pausedLine }] : []),
    { kind: 'separator' },
    { kind: 'action', action: 'open', label: text.open, enabled: true },
    // A cycle needs a profile to watch: not offered while nothing is watched.
    { kind: 'action', action: 'checkNow', label: text.checkNow, enabled: status.running },
    paused ? { kind: 'action', action: 'resume', label: text.resume, enabled: true } : { kind: 'action', action: 'pause', label: text.pause, enabled: true },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: text.quit, enabled: true },
  ]
  return { icon: status.running ? ICON_OF[status.state] : 'idle', tooltip, menu }
}

/** When the tray must be drawn again on its own (the pause ends) though no new status came: ms from now, or undefined. */
export function trayRefreshIn(status: WatchStatus, now: number): number | undefined {
  return status.pausedUntil !== undefined && status.pausedUntil > now ? status.pausedUntil - now + 1_000 : undefined
}
