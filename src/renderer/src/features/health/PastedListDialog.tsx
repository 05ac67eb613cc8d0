import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_BATCH_ITEMS, PROTOCOL_CHOICES, type ProtocolChoice, type RejectedListLine } from '../../../../shared/health'
import { getApi } from '../../bridge'
import { Dialog } from '../../ui/Dialog'
import { useHealthStore } from '../../stores/health'
import './health.css'
import { errorMessage } from '../../ui/error-message'

/** Translates a rejected line's reason code, falling back to the English reason from main. */
export function useRejectReason() {
  const { t, i18n } = useTranslation()
  return (r: RejectedListLine): string => {
    const key = `health.rejectReason.${r.code}`
    return i18n.exists(key) ? (t as (k: string) => string)(key) : r.reason
  }
}

/** "Check a pasted list": parses the lines in main, starts a batch for the good ones, keeps the rejected. */
export function PastedListDialog({ onClose, onStarted }: { onClose(): void; onStarted(batchId: string): void }) {
  const { t } = useTranslation()
  const checkMany = useHealthStore((s) => s.checkMany)
  const [text, setText] = useState('')
  const [protocol, setProtocol] = useState<ProtocolChoice>('auto')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [rejected, setRejected] = useState<RejectedListLine[]>()
  /** The file whose text is in the box, when it came from "Open a file…". */
  const [fileName, setFileName] = useState<string>()
  const reasonOf = useRejectReason()
  const textId = useId()
  const protocolId = useId()

  async function openFile() {
    setError(undefined)
    try {
      const opened = await getApi().health.openListFile()
      if (opened.cancelled) return
      setText(opened.text)
      setFileName(opened.name)
      setRejected(undefined)
    } catch (err) {
      // The box keeps what it had.
      setError(errorMessage(err))
    }
  }

  async function submit() {
    setBusy(true)
    setError(undefined)
    try {
      const parsed = await getApi().health.parseList({ text, defaultProtocol: protocol })
      if (parsed.items.length === 0) {
        setRejected(parsed.rejected)
        setError(t('health.pasted.nothingToCheck'))
        return
      }
      if (parsed.items.length > MAX_BATCH_ITEMS) {
        setError(t('health.pasted.tooMany', { count: parsed.items.length, max: MAX_BATCH_ITEMS }))
        return
      }
      const batchId = await checkMany(
        parsed.items.map((i) => ({ target: i.target, label: i.label })),
        { kind: 'pastedList', count: parsed.items.length },
        parsed.rejected,
      )
      onStarted(batchId)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={t('health.pasted.title')} onClose={onClose}>
      <form
        className="form health-paste"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <p className="field-hint">{t('health.pasted.hint')}</p>
        <div className="field">
          <label htmlFor={textId}>{t('health.pasted.text')}</label>
          <textarea
            id={textId}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setFileName(undefined)
            }}
            spellCheck={false}
          />
          <span className="health-file">
            <button type="button" onClick={() => void openFile()} disabled={busy}>
              {t('health.pasted.openFile')}
            </button>
            {fileName && <small className="health-muted">{t('health.pasted.fromFile', { name: fileName })}</small>}
          </span>
        </div>
        <div className="field">
          <label htmlFor={protocolId}>{t('health.pasted.defaultProtocol')}</label>
          <select id={protocolId} value={protocol} onChange={(e) => setProtocol(PROTOCOL_CHOICES.find((c) => c === e.target.value) ?? 'auto')}>
            <option value="auto">{t('health.pasted.detectProtocol')}</option>
            <option value="http">HTTP</option>
            <option value="socks5">SOCKS5</option>
          </select>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        {rejected && rejected.length > 0 && (
          <ul className="health-rejected">
            {rejected.map((r) => (
              <li key={r.lineNumber}>{t('health.pasted.rejectedLine', { line: r.lineNumber, reason: reasonOf(r) })}</li>
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
            {busy ? t('health.pasted.parsing') : t('health.pasted.start')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
