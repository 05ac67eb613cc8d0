/**
 * Binds the handler table to Electron's IPC: the only place ipcMain is used. The table itself (sender check,
 * input parsing, envelopes) is plain Node in `handler-table.ts`, so the e2e harness runs exactly the same code.
 */
import { clipboard, dialog, ipcMain, shell } from 'electron'
import type { WebContents , BrowserWindow} from 'electron'
import { eventChannel } from '../shared/bridge'
import type { DesktopIntegration, Emit } from './desktop'
import type { HandlerTable } from './handler-table'

export function registerIpc(table: HandlerTable): () => void {
  for (const channel of table.channels) {
    // senderFrame is null when the frame navigated away or was destroyed: the table refuses such calls.
    ipcMain.handle(channel, (event, input: unknown) => table.handle(channel, event.senderFrame?.url, input))
  }
  return () => {
    for (const channel of table.channels) ipcMain.removeHandler(channel)
  }
}

/** Sends main-to-renderer events to the app's window, when there is one. */
export function createEmitter(getTarget: () => WebContents | undefined): Emit {
  return (name, payload) => {
    const target = getTarget()
    if (target && !target.isDestroyed()) target.send(eventChannel(name), payload)
  }
}

/** Native dialogs, the clipboard and opening folders for the services, which get paths and text, never Electron objects. */
export function createDesktopIntegration(getWindow: () => BrowserWindow | undefined): DesktopIntegration {
  return {
    async chooseSaveFile({ title, defaultName, filters }) {
      const window = getWindow()
      const options = { title, defaultPath: defaultName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'> }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return result.canceled ? undefined : result.filePath
    },
    async chooseFolder({ title }) {
      const window = getWindow()
      const options = { title, properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> }
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? undefined : result.filePaths[0]
    },
    async chooseOpenFile({ title, filters }) {
      const window = getWindow()
      const options = { title, filters, properties: ['openFile'] as Array<'openFile'> }
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? undefined : result.filePaths[0]
    },
    writeClipboard: (text) => clipboard.writeText(text),
    readClipboard: () => clipboard.readText(),
    async openPath(path) {
      // shell.openPath answers an error message rather than rejecting; empty means it opened.
      const failure = await shell.openPath(path)
      if (failure) throw new Error(failure)
    },
  }
}
