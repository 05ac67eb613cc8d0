import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OvpnManyResult, OvpnRef, OvpnWithScripts } from '../../../../shared/exports'
import { BridgeError, getApi } from '../../bridge'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/error-message'
import { OvpnScriptsDialog } from './OvpnScriptsDialog'

type Into = 'folder' | 'zip'

/**
 * Runs a bulk .ovpn download and reports it; shared by the dialog below and the Exports screen. When some files
 * would run programs, `confirmation` holds them (show `OvpnScriptsConfirmation`) until the user saves or cancels.
 */
export function useOvpnMany() {
  const [busy, setBusy] = useState<Into>()
  const [result, setResult] = useState<OvpnManyResult | 'cancelled'>()
  const [error, setError] = useState<string>()
  const [confirmation, setConfirmation] = useState<{ into: Into; items: readonly OvpnRef[] | undefined; scripts: OvpnWithScripts[] }>()
  const run = async (into: Into, items?: readonly OvpnRef[], allowScripts?: string[]) => {
    setBusy(into)
    setResult(undefined)
    setError(undefined)
    try {
      const res = await getApi().exports.saveOvpnMany({ into, ...(items ? { items: [...items] } : {}), ...(allowScripts ? { allowScripts } : {}) })
      if ('scripts' in res) setConfirmation({ into, items, scripts: res.scripts })
      else setResult('cancelled' in res ? 'cancelled' : res)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(undefined)
    }
  }
  const confirm = () => {
    if (!confirmation) return
    setConfirmation(undefined)
    void run(confirmation.into, confirmation.items, confirmation.scripts.map((s) => s.sha1))
  }
  const cancel = () => {
    setConfirmation(undefined)
    setResult('cancelled')
  }
  return { busy, result, error, run, confirmation, confirm, cancel }
}

/** The "these files run programs" question of a bulk download, while there is one. */
export function OvpnScriptsConfirmation({ many }: { many: ReturnType<typeof useOvpnMany> }) {
  return many.confirmation ? <OvpnScriptsDialog scripts={many.confirmation.scripts} onSave={many.confirm} onCancel={many.cancel} /> : null
}

/** What a bulk download wrote and what failed, by name. */
export function OvpnManyReport({ result, error }: { result: OvpnManyResult | 'cancelled' | undefined; error: string | undefined }) {
  const { t } = useTranslation()
  return (
    <div aria-live="polite">
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {result === 'cancelled' && (
        <p role="status" className="muted">
          {t('exports.cancelled')}
        </p>
      )}
      {result && result !== 'cancelled' && (
        <>
          <p role="status" className={result.written.length > 0 ? 'notice' : 'form-error'}>
            {result.written.length === 0
              ? t('exports.manyNothing')
              : t(result.into === 'zip' ? 'exports.manyWrittenZip' : 'exports.manyWrittenFolder', { count: result.written.length, path: result.path })}
          </p>
          <WrittenNames written={result.written} />
          {result.failed.length > 0 && (
            <div className="exports-skipped">
              <p>{t('exports.manyFailedTitle', { count: result.failed.length })}</p>
              <ul>
                {result.failed.map((f, i) => (
                  <li key={`${f.name}-${i}`} title={f.reason}>
                    <strong>{f.name}</strong>: {f.code ? errorMessage(new BridgeError({ code: f.code, message: f.reason })) : f.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </div>
  )
}

/**
 * The names written: first those that stepped aside for a file already in the folder (which was kept), then every
 * name, folded.
 */
function WrittenNames({ written }: { written: OvpnManyResult['written'] }) {
  const { t } = useTranslation()
  const renamed = written.filter((w) => w.insteadOf !== undefined)
  if (written.length === 0) return null
  return (
    <>
      {renamed.length > 0 && (
        <div className="exports-skipped">
          <p>{t('exports.manyKept', { count: renamed.length })}</p>
          <ul>
            {renamed.map((w) => (
              <li key={w.name}>{t('exports.manyRenamed', { name: w.name, instead: w.insteadOf ?? '' })}</li>
            ))}
          </ul>
        </div>
      )}
      <details>
        <summary>{t('exports.manyNames', { count: written.length })}</summary>
        <ul>
          {written.map((w) => (
            <li key={w.name}>{w.name}</li>
          ))}
        </ul>
      </details>
    </>
  )
}

/** A button for a selection of VPN accesses: asks "a folder or one .zip", then downloads and reports. */
export function DownloadOvpnManyButton({ items, label }: { items: readonly OvpnRef[]; label?: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const many = useOvpnMany()
  const close = () => {
    if (many.busy) return
    setOpen(false)
  }
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={items.length === 0}>
        {label ?? t('exports.downloadMany', { count: items.length })}
      </button>
      {open && (
        <Dialog title={t('exports.downloadManyTitle', { count: items.length })} onClose={close}>
          <p>{t('exports.downloadManyHow')}</p>
          <div className="dialog-actions">
            <button type="button" disabled={many.busy !== undefined} onClick={() => void many.run('folder', items)}>
              {many.busy === 'folder' ? t('exports.downloading') : t('exports.intoFolder')}
            </button>
            <button type="button" disabled={many.busy !== undefined} onClick={() => void many.run('zip', items)}>
              {many.busy === 'zip' ? t('exports.downloading') : t('exports.intoZip')}
            </button>
          </div>
          <OvpnManyReport result={many.result} error={many.error} />
          <OvpnScriptsConfirmation many={many} />
          <div className="dialog-actions">
            <button type="button" onClick={close} disabled={many.busy !== undefined}>
              {t('app.close')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  )
}
