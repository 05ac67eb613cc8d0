/**
 * Proxy lists with passwords do not stay on the clipboard: like a password manager, the copy is cleared after a
 * set time (the `clearClipboardSeconds` export preference; 0 = never), and when the app quits, but only while
 * the clipboard still holds what we wrote: whatever the user copied since is left alone.
 */
import type { DesktopIntegration } from '../desktop'

export function createClipboardGuard(desktop: Pick<DesktopIntegration, 'writeClipboard' | 'readClipboard'>) {
  let pending: { text: string; timer: ReturnType<typeof setTimeout> } | undefined

  async function clearIfOurs(text: string): Promise<void> {
    if ((await desktop.readClipboard()) === text) await desktop.writeClipboard('')
  }

  function forget(): void {
    if (pending) clearTimeout(pending.timer)
    pending = undefined
  }

  return {
    /** Writes `text`; with `clearAfterSeconds` > 0, clears it then if the clipboard still holds it. */
    async write(text: string, clearAfterSeconds: number): Promise<void> {
      forget()
      await desktop.writeClipboard(text)
      if (clearAfterSeconds <= 0) return
      const timer = setTimeout(() => {
        pending = undefined
        // Nothing to tell anyone when the clipboard cannot be read: the copy then simply stays.
        clearIfOurs(text).catch(() => {})
      }, clearAfterSeconds * 1000)
      // A timer must not keep a quitting process (or the command line) alive; quitting clears it in dispose().
      timer.unref?.()
      pending = { text, timer }
    },
    /** On quit: a copy still waiting to be cleared is cleared now. */
    async dispose(): Promise<void> {
      const text = pending?.text
      forget()
      if (text !== undefined) await clearIfOurs(text).catch(() => {})
    },
  }
}

export type ClipboardGuard = ReturnType<typeof createClipboardGuard>
