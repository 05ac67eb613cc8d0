import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getApi } from '../../bridge'
import { errorMessage } from '../../ui/error-message'

interface Props {
  connId: string
  ovpnId: string
  /** The VPN access's name, for screen readers. */
  name?: string
}

/** Downloads one access's .ovpn file: "Save as…" named `<connection> - <vpn>.ovpn`, checked against its SHA-1. */
export function DownloadOvpnButton({ connId, ovpnId, name }: Props) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState<string>()
  const [error, setError] = useState<string>()
  const download = async () => {
    setBusy(true)
    setSaved(undefined)
    setError(undefined)
    try {
      const result = await getApi().exports.saveOvpn({ connId, ovpnId })
      if (!('cancelled' in result)) setSaved(result.path)
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
