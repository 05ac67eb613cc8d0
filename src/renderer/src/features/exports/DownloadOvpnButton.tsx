import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OvpnWithScripts } from '../../../../shared/exports'
import { getApi } from '../../bridge'
import { errorMessage } from '../../ui/error-message'
import { OvpnScriptsDialog } from './OvpnScriptsDialog'

interface Props {
  connId: string
  ovpnId: string
  /** The VPN access's name, for screen readers. */
  name?: string
}

/**
 * Downloads one access's .ovpn file: checked against its SHA-1, then "Save as…" named `<connection> - <vpn>.ovpn`;
 * a file that runs programs when opened is shown and saved only if the user says so.
 */
export function DownloadOvpnButton({ connId, ovpnId, name }: Props) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState<string>()
  const [error, setError] = useState<string>()
  const [scripts, setScripts] = useState<OvpnWithScripts[]>()
  const [cancelled, setCancelled] = useState(false)
  const download = async (allowScripts?: string[]) => {
    setBusy(true)
    setSaved(undefined)
    setError(undefined)
    setCancelled(false)
    try {
      const result = await getApi().exports.saveOvpn({ connId, ovpnId, ...(allowScripts ? { allowScripts } : {}) })
      if ('scripts' in result) setScripts(result.scripts)
      else if (!('cancelled' in result)) setSaved(result.path)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="exports-inline">
      <button type="button" onClick={() => void download()} disabled={busy} aria-label={name ? t('exports.downloadOvpnOf', { name }) : t('exports.downloadOvpn')}>
        {busy ? t('exports.downloading') : t('exports.downloadOvpn')}
      </button>
      {scripts && (
        <OvpnScriptsDialog
          scripts={scripts}
          onCancel={() => {
            setScripts(undefined)
            setCancelled(true)
          }}
          onSave={() => {
            setScripts(undefined)
            void download(scripts.map((s) => s.sha1))
          }}
        />
      )}
      {cancelled && (
        <span role="status" className="muted">
          {t('exports.cancelled')}
        </span>
      )}
      {saved && (
        <span role="status" className="notice">
          {t('exports.ovpnSaved', { path: saved })}
        </span>
      )}
      {error && (
        <span role="alert" className="inline-error">
          {error}
        </span>
      )}
    </span>
  )
}
