import { useEffect, useId, useRef } from 'react'
import type { ReactNode } from 'react'

interface DialogProps {
  title: string
  children: ReactNode
  onClose(): void
}

/**
 * A modal dialog on the native `<dialog>` with `showModal()`: the browser traps Tab inside, makes the rest of the
 * page inert, and turns Escape into a `cancel` event. The parent decides whether it closes (it unmounts the
 * dialog from `onClose`; a busy dialog passes a no-op). On unmount focus goes back to what opened it.
 */
export function Dialog({ title, children, onClose }: DialogProps) {
  const titleId = useId()
  const ref = useRef<HTMLDialogElement>(null)
  // The latest onClose, for the native listeners added once.
  const onCloseRef = useRef(onClose)
  useEffect(() => {
    onCloseRef.current = onClose
  })
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    let mounted = true
    const open = () => {
      if (dialog.open || !dialog.isConnected) return
      dialog.showModal()
      dialog.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button')?.focus()
    }
    const onCancel = (event: Event) => {
      // Escape: the parent closes by unmounting; a dialog that must stay (a running action) ignores it.
      event.preventDefault()
      onCloseRef.current()
    }
    const onNativeClose = () => {
      // Chromium force-closes after a second Escape whose cancel was refused: tell the parent, and reopen if it keeps
      // the dialog (the next frame, once React has had its say).
      if (!mounted) return
      onCloseRef.current()
      requestAnimationFrame(() => {
        if (mounted) open()
      })
    }
    const onKeyDown = (event: KeyboardEvent) => {
      // The browser lets Tab leave a modal dialog for its own toolbar; in an app window it cycles inside instead.
      if (event.key !== 'Tab') return
      const focusable = [...dialog.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter(
        (el) => !el.matches(':disabled') && el.getClientRects().length > 0 && el.closest('dialog') === dialog,
      )
      const first = focusable[0]
      const last = focusable.at(-1)
      if (!first || !last) return
      const active = document.activeElement
      if (event.shiftKey && (active === first || active === dialog)) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && active === last) {
        event.preventDefault()
        first.focus()
      }
    }
    dialog.addEventListener('keydown', onKeyDown)
    dialog.addEventListener('cancel', onCancel)
    dialog.addEventListener('close', onNativeClose)
    open()
    return () => {
      mounted = false
      dialog.removeEventListener('keydown', onKeyDown)
      dialog.removeEventListener('cancel', onCancel)
      dialog.removeEventListener('close', onNativeClose)
      if (dialog.open) dialog.close()
      // Focus back where the user was, unless that control went away with the action (a deleted row's button).
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return (
    // tabIndex -1: a click on the dialog's padding or the backdrop focuses the dialog itself, so focus never leaves it.
    <dialog ref={ref} aria-labelledby={titleId} className="dialog" tabIndex={-1}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  )
}
