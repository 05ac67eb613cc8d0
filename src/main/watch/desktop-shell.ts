/**
 * What the shell does around the fleet watch, in plain Node: keeps the tray drawn from the watch's status (again when
 * the language changes or a pause runs out), runs the tray menu's actions, applies "start at login" when the setting
 * changes, and decides what closing the window does (and says once that watching goes on in the tray). The shell
 * (main/index.ts) hands in Electron's parts as the ports below; tested in Node with recording ports.
 */
import type { WatchSettings } from '../../shared/watch'
import { DESKTOP_TEXT } from './desktop-text'
import type { DesktopState } from './desktop-state'
import type { DesktopWatch } from './desktop-watch'
import { TRAY_PAUSE_MINUTES, trayRefreshIn, trayView, type TrayAction, type TrayView } from './tray-model'
import type { DesktopNotice } from './types'
import { loginItem, onWindowClose, quitWhenAllWindowsClosed, type LoginItem } from './window-model'

export interface ShellPorts {
  /** Draws the tray (Electron's Tray in the app); absent where there is no tray. */
  showTray?(view: TrayView): void
  notify(notice: DesktopNotice): void
  setLoginItem(item: LoginItem): void
  /** Brings the window up (creates it when there is none). */
  openWindow(): void
  quit(): void
  log(message: string, err?: unknown): void
}

export interface DesktopShell {
  onTrayAction(action: TrayAction): void
  /** The window is about to close: hide it (and keep watching) or let it close. */
  onWindowClose(quitting: boolean): 'hide' | 'close'
  quitWhenAllWindowsClosed(platform: NodeJS.Platform): boolean
  dispose(): void
}

export async function createDesktopShell(watch: DesktopWatch, state: DesktopState, ports: ShellPorts, now: () => number = Date.now): Promise<DesktopShell> {
  let settings: WatchSettings = await watch.settings()
  let told = await state.toldAboutTray()
  let timer: NodeJS.Timeout | undefined
  const trayShown = ports.showTray !== undefined

  const draw = (): void => {
    if (!ports.showTray) return
    const status = watch.status()
    ports.showTray(trayView(status, watch.language(), now()))
    clearTimeout(timer)
    // When a pause ends no cycle may come soon: the menu's "Resume" turns back into "Pause" on time.
    const refreshIn = trayRefreshIn(status, now())
    if (refreshIn !== undefined) timer = setTimeout(draw, refreshIn)
  }
  const stop = watch.listen({
    status: draw,
    language: draw,
    settings(next) {
      if (next.startAtLogin !== settings.startAtLogin) ports.setLoginItem(loginItem(next))
      settings = next
    },
  })
  draw()

  return {
    onTrayAction(action) {
      switch (action) {
        case 'open':
          return ports.openWindow()
        case 'checkNow':
          return void watch.checkNow()
        case 'pause':
          return void watch.pause(TRAY_PAUSE_MINUTES)
        case 'resume':
          return void watch.pause(0)
        case 'quit':
          return ports.quit()
      }
    },
    onWindowClose(quitting) {
      const decision = onWindowClose({ keepWatchingWhenClosed: settings.keepWatchingWhenClosed, quitting, trayShown, toldAboutTray: told })
      if (decision.tellAboutTray) {
        told = true
        ports.notify(DESKTOP_TEXT[watch.language()].keptInTray)
        state.markToldAboutTray().catch((err: unknown) => ports.log('could not remember that the tray notice was shown', err))
      }
      return decision.action
    },
    quitWhenAllWindowsClosed: (platform) => quitWhenAllWindowsClosed({ keepWatchingWhenClosed: settings.keepWatchingWhenClosed, trayShown, platform }),
    dispose() {
      clearTimeout(timer)
      stop()
    },
  }
}
