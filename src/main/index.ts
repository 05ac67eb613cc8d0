/**
 * App lifecycle only: build the core, register IPC, open the window. Everything else lives in services that
 * do not import electron.
 */
import { join } from 'node:path'
import { app, BrowserWindow, shell } from 'electron'
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
import { acquireSingleInstanceLock, createMainWindow, registerAppScheme, serveAppFiles } from './window'

let mainWindow: BrowserWindow | undefined
let core: Services | undefined

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

// Before the app is ready, as Electron requires; the files are served once it is.
registerAppScheme()

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: join(__dirname, '../preload/index.js'), appPageUrl, log })
  mainWindow.on('closed', () => {
    mainWindow = undefined
  })
}

if (!acquireSingleInstanceLock(() => mainWindow)) {
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
      emit: createEmitter(() => mainWindow?.webContents),
      log,
      /* eng-disable OPEN_EXTERNAL_JS_CHECK -- reached only through app.openExternal, which allows https iProxy links alone */
      openExternal: (url) => shell.openExternal(url),
      userDataDir: app.getPath('userData'),
      keychain: createKeychain(),
      desktop: createDesktopIntegration(() => mainWindow),
    })
    registerIpc(createHandlerTable({ implementations: core.implementations, isTrustedSender: createSenderCheck(appPageUrl), log }))
    openWindow()
    void core.start()
    void startShellUpdater({ log, userDataDir: app.getPath('userData'), isPackaged: app.isPackaged })
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Quitting waits (up to a deadline) for the services to finish writing, e.g. the health history.
  quitAfterDispose({
    onBeforeQuit: (listener) => app.on('before-quit', listener),
    quit: () => app.quit(),
    dispose: () => core?.dispose(),
    log,
  })
}
