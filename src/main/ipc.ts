/**
 * Binds the handler table to Electron's IPC: the only place ipcMain is used. The table itself (sender check,
 * input parsing, envelopes) is plain Node in `handler-table.ts`, so the e2e harness runs exactly the same code.
 */
import { ipcMain } from 'electron'
import type { WebContents } from 'electron'
import { eventChannel } from '../shared/bridge'
import type { Emit } from './core'
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
