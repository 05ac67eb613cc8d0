/**
 * Exposes `window.iproxy` and nothing else. Every call goes through ipcRenderer.invoke to the handler table;
 * the channel names come from the contract, so the preload holds no list of its own.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from '../shared/bridge'

const bridge = createBridge(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (channel, listener) => {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, handler)
    return () => {
      ipcRenderer.removeListener(channel, handler)
    }
  },
)

contextBridge.exposeInMainWorld('iproxy', bridge)
