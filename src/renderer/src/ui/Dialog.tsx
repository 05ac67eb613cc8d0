import { useEffect, useId, useRef } from 'react'
import type { ReactNode } from 'react'

interface DialogProps {
  title: string
  children: ReactNode
  onClose(): void
}

/** A modal dialog: labelled by its title, focus moved inside, Escape closes it. */
export function Dialog({ title, children, onClose }: DialogProps) {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button')
    first?.focus()
  }, [])
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return
          // A dialog opened from another one closes alone.
          event.stopPropagation()
          onClose()
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  )
}
