/**
 * App lifecycle only: build the core, register IPC, open the window. Everything else lives in services that
 * do not import electron.
 */
import { join } from 'node:path'
import { app, shell } from 'electron'
import type { BrowserWindow } from 'electron'
import { BUILT_APP_PAGE_URL, chooseAppPageUrl } from './app-page'
import type { Services } from './wiring'
import { createServices } from './wiring'
import { createHandlerTable, createSenderCheck } from './handler-table'
import { createDesktopIntegration, createEmitter, registerIpc } from './ipc'
import { createLogger } from './log'
import { createLogFile, logDirOf } from './log-file'
import { quitAfterDispose } from './quit-after-dispose'
import { startShellUpdater } from './update/shell-updater'
import { createKeychain } from './secrets/keychain'
import { createDesktopState } from './watch/desktop-state'
import { createDesktopShell, type DesktopShell } from './watch/desktop-shell'
import type { DesktopNotice } from './watch/types'
import { noticeClick, startsHidden } from './watch/window-model'
import { acquireSingleInstanceLock, bringToFront, createAppTray, createMainWindow, registerAppScheme, serveAppFiles, showNotice } from './window'

let mainWindow: BrowserWindow | undefined
let core: Services | undefined
let desktopShell: DesktopShell | undefined
// Set once quitting has begun: a window closing then really closes instead of hiding in the tray.
let quitting = false

// Every line to stderr and to the rotating file in the data folder (Help → Open log folder shows it).
const logFile = createLogFile({ dir: logDirOf(app.getPath('userData')) })
const log = createLogger((line, entry) => {
  console.error(line)
  logFile(line, entry)
})

// The dev server's URL in `npm run dev`; the built page otherwise. Only an unpacked app reads the variable: a
// packaged one never loads a page its environment names (the security gate checks this line in the bundle).
const appPageUrl = chooseAppPageUrl({
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  builtPageUrl: BUILT_APP_PAGE_URL,
})

// Events to the page, when there is a window to send them to.
const emit = createEmitter(() => mainWindow?.webContents)

// Before the app is ready, as Electron requires; the files are served once it is.
registerAppScheme()

function openWindow(): BrowserWindow {
  if (mainWindow) {
    bringToFront(mainWindow)
    return mainWindow
  }
  const window = createMainWindow({ preloadPath: join(__dirname, '../preload/index.js'), appPageUrl, log })
  mainWindow = window
  window.on('close', (event) => {
    // Closing keeps watching in the tray (the setting, on by default): the window hides instead.
    if (desktopShell?.onWindowClose(quitting) === 'hide') {
      event.preventDefault()
      window.hide()
    }
  })
  window.on('closed', () => {
    mainWindow = undefined
  })
  return window
}

/** A notification was clicked: the window comes up on the connection (a new window once its page has loaded). */
function openFromNotice(notice: DesktopNotice): void {
  const existing = mainWindow
  const window = openWindow()
  const open = (): void => emit('watch.openConnection', noticeClick(notice).open)
  if (existing) open()
  else window.webContents.once('did-finish-load', open)
}

// A second launch brings this one's window up, opening it when the app was waiting in the tray.
if (!acquireSingleInstanceLock(() => mainWindow ?? (core ? openWindow() : undefined))) {
  app.quit()
} else {
  app.on('web-contents-created', (_event, contents) => {
    // Any web contents, not only the main window's, may never open a window of its own.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })

  void app.whenReady().then(() => {
    serveAppFiles(join(__dirname, '../renderer'))
    core = createServices({
      appInfo: {
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        demoMode: process.argv.includes('--demo'),
      },
      emit,
      log,
      /* eng-disable OPEN_EXTERNAL_JS_CHECK -- reached only through app.openExternal, which allows https iProxy links alone */
      openExternal: (url) => shell.openExternal(url),
      userDataDir: app.getPath('userData'),
      keychain: createKeychain(),
      desktop: { ...createDesktopIntegration(() => mainWindow), notify: (notice) => showNotice(notice, () => openFromNotice(notice)) },
    })
    registerIpc(createHandlerTable({ implementations: core.implementations, isTrustedSender: createSenderCheck(appPageUrl), log }))
    const tray = createAppTray((action) => desktopShell?.onTrayAction(action), log)
    // Started at login: the app waits in the tray (with no tray to wait in, the window opens anyway).
    if (!tray || !startsHidden(process.argv, app.getLoginItemSettings().wasOpenedAtLogin)) openWindow()
    void startShellUpdater({ log, userDataDir: app.getPath('userData'), isPackaged: app.isPackaged })
    const services = core
    // The tray's menu and the close-to-tray rule once the services are up (whether or not all of them started).
    void services
      .start()
      .catch((err: unknown) => log('the services did not all start', err))
      .then(() =>
        createDesktopShell(services.watch, createDesktopState(app.getPath('userData')), {
          ...(tray ? { showTray: tray.show } : {}),
          notify: (notice) => showNotice(notice, () => openFromNotice(notice)),
          setLoginItem: (item) => app.setLoginItemSettings(item),
          openWindow: () => void openWindow(),
          quit: () => app.quit(),
          log,
        }),
      )
      .then(
        (shell) => (desktopShell = shell),
        (err: unknown) => log('the tray could not be set up', err),
      )
    // macOS: a click on the Dock icon brings the window back, hidden in the tray or closed.
    app.on('activate', () => void openWindow())
  })

  app.on('before-quit', () => {
    quitting = true
  })

  app.on('window-all-closed', () => {
    if (desktopShell ? desktopShell.quitWhenAllWindowsClosed(process.platform) : process.platform !== 'darwin') app.quit()
  })

  // Quitting waits (up to a deadline) for the services to finish writing, e.g. the health history.
  quitAfterDispose({
    onBeforeQuit: (listener) => app.on('before-quit', listener),
    quit: () => app.quit(),
    dispose: () => core?.dispose(),
    log,
  })
}
