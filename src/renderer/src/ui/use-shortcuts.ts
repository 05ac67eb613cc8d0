import { useEffect } from 'react'

/**
 * The app's keyboard shortcuts (issue 18, point 13), one listener for the whole window:
 * - Ctrl/Cmd+F focuses the current screen's search field (the first `input[type=search]` in <main>);
 * - F5 and Ctrl/Cmd+R refresh the current screen by pressing its button marked `data-shortcut="refresh"`, and never
 *   reload the page (a reload would drop what the user typed).
 * Escape is the dialogs' own (ui/Dialog, native `cancel`). Inside an open modal dialog nothing here acts.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey
      const key = event.key.toLowerCase()
      const refresh = event.key === 'F5' || (mod && key === 'r' && !event.shiftKey)
      const find = mod && key === 'f' && !event.shiftKey
      if (!refresh && !find) return
      event.preventDefault()
      if (document.querySelector('dialog[open]')) return
      const main = document.querySelector('main')
      if (find) main?.querySelector<HTMLInputElement>('input[type=search]')?.focus()
      else main?.querySelector<HTMLButtonElement>('button[data-shortcut=refresh]:not(:disabled)')?.click()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
