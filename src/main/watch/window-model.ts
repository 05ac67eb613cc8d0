/**
 * The desktop's rules around the window, as plain functions the shell (main/index.ts, main/window.ts) follows:
 * whether closing the window hides it (watching goes on in the tray) and whether to say so; the login-item settings
 * for "start at login"; and what a click on an alert's notification opens. Tested in Node.
 */
import type { WatchSettings } from '../../shared/watch'
import type { DesktopNotice } from './types'

/** The argument a login item starts the app with: it opens in the tray, with no window. */
export const HIDDEN_ARG = '--hidden'

export interface CloseInput {
  keepWatchingWhenClosed: boolean
  /** The app is quitting (tray's Quit, Cmd+Q, the system shutting down): the window really closes. */
  quitting: boolean
  /** The tray is there to come back from (some Linux desktops have none). */
  trayShown: boolean
  /** The user was already told, once, that closing keeps watching. */
  toldAboutTray: boolean
}

export interface CloseDecision {
  /** `hide`: the close is prevented and the window hidden; `close`: it closes as usual. */
  action: 'hide' | 'close'
  /** Show the one-time notice ("keeps watching in the tray") and remember that it was shown. */
  tellAboutTray: boolean
}

export function onWindowClose(input: CloseInput): CloseDecision {
  if (input.quitting || !input.keepWatchingWhenClosed || !input.trayShown) return { action: 'close', tellAboutTray: false }
  return { action: 'hide', tellAboutTray: !input.toldAboutTray }
}

/** With the window closed (not hidden), does the app quit? Not while it keeps watching from the tray. */
export function quitWhenAllWindowsClosed(input: { keepWatchingWhenClosed: boolean; trayShown: boolean; platform: NodeJS.Platform }): boolean {
  if (input.keepWatchingWhenClosed && input.trayShown) return false
  // macOS apps stay in the Dock with no window, as the platform expects.
  return input.platform !== 'darwin'
}

/** Electron's app.setLoginItemSettings() argument (the shape of Electron's Settings, without importing it). */
export interface LoginItem {
  openAtLogin: boolean
  /** macOS: start hidden. */
  openAsHidden: boolean
  /** Windows: what the login entry starts the app with. */
  args: string[]
}

export function loginItem(settings: Pick<WatchSettings, 'startAtLogin'>): LoginItem {
  return { openAtLogin: settings.startAtLogin, openAsHidden: settings.startAtLogin, args: settings.startAtLogin ? [HIDDEN_ARG] : [] }
}

/** Started at login (the login item's argument, or macOS's "opened at login"): no window until the tray is used. */
export function startsHidden(argv: readonly string[], openedAtLogin = false): boolean {
  return openedAtLogin || argv.includes(HIDDEN_ARG)
}

/** What a click on an alert's notification does: bring the window up and open the connection (or Activity). */
export function noticeClick(notice: Pick<DesktopNotice, 'connectionId'>): { showWindow: true; open: { connectionId?: string } } {
  return { showWindow: true, open: notice.connectionId ? { connectionId: notice.connectionId } : {} }
}
