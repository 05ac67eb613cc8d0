import { useEffect, useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { COMMAND_ACTIONS, type CommandAction } from '../../../../shared/iproxy'
import { commandText } from './bulk-text'
import './bulk.css'

/**
 * Every seed command in a menu button (the WAI-ARIA menu button pattern): Enter, Space or Down opens it on the
 * first command, Up/Down/Home/End move, Escape closes it back onto the button, Tab or a click elsewhere closes it.
 * A command that needs more (turning the proxy on or off) ends in "…": the run asks before it starts anyway.
 */
export function CommandMenu({ disabled, onPick }: { disabled: boolean; onPick(command: CommandAction): void }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLUListElement>(null)
  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])]

  useEffect(() => {
    if (!open) return
    items()[0]?.focus()
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) buttonRef.current?.focus()
  }

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const list = items()
    const at = list.indexOf(document.activeElement as HTMLButtonElement)
    const go = (index: number) => {
      event.preventDefault()
      list[(index + list.length) % list.length]?.focus()
    }
    if (event.key === 'ArrowDown') go(at + 1)
    else if (event.key === 'ArrowUp') go(at - 1)
    else if (event.key === 'Home') go(0)
    else if (event.key === 'End') go(list.length - 1)
    else if (event.key === 'Escape') {
      event.preventDefault()
      close(true)
    } else if (event.key === 'Tab') close(false)
  }

  return (
    <div className="bulkrun-menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault()
            setOpen(true)
          }
        }}
      >
        {t('bulk.menu.commands')}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <ul ref={menuRef} id={menuId} role="menu" aria-label={t('bulk.menu.commandsLabel')} className="bulkrun-menu" onKeyDown={onMenuKey}>
          {COMMAND_ACTIONS.map((command) => (
            <li key={command} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close(true)
                  onPick(command)
                }}
              >
                {commandText(t, command)}
                {command === 'toggle_proxy' ? '…' : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
