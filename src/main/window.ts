/**
 * The main window and its hardening, after Electron's security checklist: the app served from its own app://
 * scheme rather than file://, an isolated, sandboxed renderer with no Node, navigation pinned to the app's
 * origin, new windows denied (allow-listed https links go to the OS browser), every permission denied, and one
 * instance of the app at a time.
 */
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, Menu, nativeImage, net, Notification, protocol, shell, Tray } from 'electron'
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, NativeImage, Session, WebContents } from 'electron'
import { APP_SCHEME, appFileFor, isSameAppOrigin, pageAfterCrash } from './app-page'
import { isAllowedExternalUrl } from './app/external-links'
import { trayIconPng } from './watch/tray-icon'
import type { TrayAction, TrayIconName, TrayMenuItem, TrayView } from './watch/tray-model'
import type { DesktopNotice } from './watch/types'

/** True when `url` is the app's own page: its full origin (app-page.ts), never a file:// URL. */
export function isAppPage(url: string, appPageUrl: string): boolean {
  return isSameAppOrigin(url, appPageUrl)
}

/** Makes app:// a standard, secure scheme (relative URLs, 'self' in the CSP, fetch). Call before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** Serves app://iproxy-desktop/<path> from `rootDir` (out/renderer); anything outside it is a 404. */
export function serveAppFiles(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(request.url, rootDir)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      return await net.fetch(pathToFileURL(file).href)
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'iProxy Desktop',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  }
}

/** Keeps a web contents on the app's page: foreign navigation is stopped, allowed links open outside. */
export function lockNavigation(contents: WebContents, appPageUrl: string): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (isAppPage(url, appPageUrl)) return
    event.preventDefault()
    /* eng-disable OPEN_EXTERNAL_JS_CHECK -- only https links to the allow-listed iProxy hosts (isAllowedExternalUrl) */
    if (isAllowedExternalUrl(url)) void shell.openExternal(url)
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    /* eng-disable OPEN_EXTERNAL_JS_CHECK -- only https links to the allow-listed iProxy hosts (isAllowedExternalUrl) */
    if (isAllowedExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

/** The app asks for no permission (camera, notifications, geolocation...), so every request is refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Renderer crashes in a row (within RELOAD_WINDOW_MS) after which the page is no longer reloaded. */
const MAX_RELOADS = 3
const RELOAD_WINDOW_MS = 60_000

/**
 * A renderer that crashed or was killed leaves a blank window: load the page again, with `?recovered=<reason>` so
 * the page can tell the user (app-page.ts). A page that crashes as it loads would loop, so after MAX_RELOADS
 * within a minute it is left as it is (and logged).
 */
export function reloadAfterCrash(contents: WebContents, appPageUrl: string, log: (message: string) => void, now: () => number = Date.now): void {
  const crashes: number[] = []
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return
    const at = now()
    while (crashes.length > 0 && at - (crashes[0] as number) > RELOAD_WINDOW_MS) crashes.shift()
    crashes.push(at)
    if (crashes.length > MAX_RELOADS) {
      log(`the window's page stopped again (${details.reason}, exit code ${details.exitCode}); not reloading it: it stopped ${crashes.length} times within a minute`)
      return
    }
    log(`the window's page stopped (${details.reason}, exit code ${details.exitCode}); reloading it`)
    void contents.loadURL(pageAfterCrash(appPageUrl, details.reason))
  })
}

export function createMainWindow(options: { preloadPath: string; appPageUrl: string; log: (message: string) => void }): BrowserWindow {
  /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- mainWindowOptions() sets contextIsolation and sandbox on; the window-open handler denies middle-click windows; test/security checks the built bundle */
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath))
  lockNavigation(window.webContents, options.appPageUrl)
  reloadAfterCrash(window.webContents, options.appPageUrl, options.log)
  denyAllPermissions(window.webContents.session)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.appPageUrl)
  return window
}

/**
 * Holds the single-instance lock. Returns false when another instance has it (this one should quit); a second
 * launch then brings the existing window to the front.
 */
export function acquireSingleInstanceLock(getWindow: () => BrowserWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) return false
  app.on('second-instance', () => {
    const window = getWindow()
    // Hidden in the tray or minimized: brought back either way.
    if (window) bringToFront(window)
  })
  return true
}

/** The tray's icon at 1x and 2x (drawn by tray-icon.ts). */
function trayImage(name: TrayIconName): NativeImage {
  const image = nativeImage.createFromBuffer(trayIconPng(name, 16))
  image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(name, 32) })
  return image
}

/** The tray model's menu as Electron's template: labels disabled, actions calling back. */
export function trayMenuTemplate(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' }
    if (item.kind === 'label') return { label: item.label, enabled: false }
    return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) }
  })
}

/**
 * The tray icon, drawn from the tray model's view each time it changes; a click on the icon opens the window
 * (Windows and Linux; macOS shows the menu). Undefined where the desktop has no tray to put it in.
 */
export function createAppTray(onAction: (action: TrayAction) => void, log: (message: string, err?: unknown) => void): { show(view: TrayView): void; destroy(): void } | undefined {
  let tray: Tray
  try {
    tray = new Tray(trayImage('unknown'))
  } catch (err) {
    log('the desktop has no tray; closing the window will quit the app', err)
    return undefined
  }
  tray.on('click', () => onAction('open'))
  let icon: TrayIconName | undefined
  return {
    show(view) {
      if (view.icon !== icon) tray.setImage(trayImage(view.icon))
      icon = view.icon
      tray.setToolTip(view.tooltip)
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(view.menu, onAction)))
    },
    destroy: () => tray.destroy(),
  }
}

// Notifications shown and not yet clicked or closed: held so the garbage collector cannot drop one (and its click).
const shownNotices = new Set<Notification>()

/** Shows a desktop notification; a click calls `onClick` (the app opens the connection). */
export function showNotice(notice: DesktopNotice, onClick: () => void): void {
  if (!Notification.isSupported()) return
  const notification = new Notification({ title: notice.title, body: notice.body })
  shownNotices.add(notification)
  notification.on('click', () => {
    shownNotices.delete(notification)
    onClick()
  })
  notification.on('close', () => shownNotices.delete(notification))
  notification.show()
}

/** Shows the window, restored and in front (from the tray or a notification). */
export function bringToFront(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
