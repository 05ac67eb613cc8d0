/**
 * "Save as CSV" for a table main reads itself (the connections list, a connection's IP history): one button, the
 * native save dialog in main, then what came of it (where, how many rows; nothing saved; or why it failed).
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Cancelled, SavedTable } from '../../../../shared/exports'
import { errorMessage } from '../../ui/error-message'
import { Outcome } from '../../ui/Outcome'

interface Props {
  label: string
  /** The call that opens the dialog and writes the file. */
  save(): Promise<SavedTable | Cancelled>
  disabled?: boolean
}

export function SaveCsvButton({ label, save, disabled }: Props) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ message: string; error?: boolean }>()

  async function run(): Promise<void> {
    setBusy(true)
    setOutcome(undefined)
    try {
      const result = await save()
      setOutcome({ message: 'cancelled' in result ? t('exports.cancelled') : t('exports.savedRows', { count: result.rows, path: result.path }) })
    } catch (err) {
      setOutcome({ message: t('exports.saveFailed', { reason: errorMessage(err) }), error: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="save-csv">
      <div className="toolbar">
        <button type="button" disabled={disabled || busy} onClick={() => void run()}>
          {busy ? t('exports.savingCsv') : label}
        </button>
      </div>
      <Outcome outcome={outcome} />
    </div>
  )
}
