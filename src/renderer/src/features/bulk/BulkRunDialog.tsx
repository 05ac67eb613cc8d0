/**
 * One bulk run from the bar, in one dialog: what the action needs first (on or off, the settings, the days), then
 * the confirmation, then Start. The targets are fixed when the dialog opens, so a filter typed meanwhile changes
 * nothing. Each step moves focus to its first control, so a keyboard user goes on where the last step ended.
 */
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BulkAction } from '../../../../shared/bulk'
import { Dialog } from '../../ui/Dialog'
import { ProlongParams, ToggleParams } from './ActionParams'
import type { BulkChoice, BulkTarget } from './bulk-choice'
import { actionText, confirmTitle } from './bulk-text'
import { RunConfirmation } from './RunConfirmation'
import { SettingsParams } from './SettingsParams'

interface Props {
  choice: BulkChoice
  targets: readonly BulkTarget[]
  onClose(): void
}

const PARAM_TITLES = { toggle: 'bulk.actions.toggle', settings: 'bulk.actions.settings', prolong: 'bulk.actions.prolong' } as const

export function BulkRunDialog({ choice, targets, onClose }: Props) {
  const { t } = useTranslation()
  const [action, setAction] = useState<BulkAction | undefined>(choice.kind === 'ready' ? choice.action : undefined)
  const [count, setCount] = useState(targets.length)
  const [busy, setBusy] = useState(false)
  const bodyRef = useRef<HTMLDivElement>(null)
  const [ids] = useState(() => [...new Set(targets.map((target) => target.id))])

  // A new step: focus its first control (the Dialog focuses the first step's itself).
  const step = action ? 'confirm' : 'params'
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    bodyRef.current?.querySelector<HTMLElement>('input, select, button:not(:disabled)')?.focus()
  }, [step])

  const title = action
    ? confirmTitle(t, action, count)
    : t('bulk.confirm.title', { action: choice.kind === 'ready' ? actionText(t, choice.action) : t(PARAM_TITLES[choice.kind]), count: ids.length })
  const onBack = choice.kind === 'ready' ? undefined : () => setAction(undefined)

  return (
    <Dialog title={title} onClose={busy ? () => {} : onClose}>
      {/* The details stay mounted behind the confirmation, so Back finds them as they were typed. */}
      {choice.kind !== 'ready' && (
        <div hidden={action !== undefined} ref={action ? undefined : bodyRef}>
          {choice.kind === 'toggle' ? (
            <ToggleParams onNext={setAction} onCancel={onClose} />
          ) : choice.kind === 'settings' ? (
            <SettingsParams onNext={setAction} onCancel={onClose} />
          ) : (
            <ProlongParams onNext={setAction} onCancel={onClose} />
          )}
        </div>
      )}
      {action && (
        <div ref={bodyRef}>
          <RunConfirmation
            action={action}
            connectionIds={ids}
            onPreview={(preview) => setCount(preview.count)}
            onBack={onBack}
            onCancel={onClose}
            onStarted={onClose}
            onBusy={setBusy}
          />
        </div>
      )}
    </Dialog>
  )
}
