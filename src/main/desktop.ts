/**
 * What the desktop shell hands the services: a way to send events to the page, and native dialogs and the
 * clipboard. Electron's versions are made in main/ipc.ts; the e2e harness passes its own. A leaf file (it imports
 * only the contract's types), so every domain's calls can take these without importing the wiring back.
 */
import type { EventName, EventPayload } from '../shared/bridge'
import type { DesktopNotice } from './watch/types'

/** Sends one contract event to the page. */
export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void

/** What main needs from the desktop itself: native dialogs, the clipboard, opening a folder (Electron's, in main/ipc.ts). */
export interface DesktopIntegration {
  /** A native "Save as…" dialog; the chosen path, or undefined when the user cancelled. */
  chooseSaveFile(options: { title: string; defaultName: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | undefined>
  /** A native folder picker; the chosen folder, or undefined when the user cancelled. */
  chooseFolder(options: { title: string }): Promise<string | undefined>
  /** A native "Open" dialog for one file; its path, or undefined when the user cancelled. */
  chooseOpenFile(options: { title: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | undefined>
  /** Electron's clipboard is asynchronous (a promise since Electron 40); a fake may answer at once. */
  writeClipboard(text: string): void | Promise<void>
  /** The clipboard's text now, so a copy with passwords is cleared only while it is still ours. */
  readClipboard(): Promise<string>
  /**
   * Opens a folder (or file) with the system's handler, e.g. the log folder in the file manager. Absent where
   * there is no desktop (the command line).
   */
  openPath?(path: string): Promise<void>
  /**
   * Shows a desktop notification (the fleet watch's alerts); a click brings the window up on the connection.
   * Absent where there is no desktop: the alert sink then has no desktop channel.
   */
  notify?(notice: DesktopNotice): void
}
