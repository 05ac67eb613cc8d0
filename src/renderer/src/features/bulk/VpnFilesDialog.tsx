/**
 * "Download VPN files" for the bar's connections: their OpenVPN accesses (the account's list, read when the dialog
 * opens, not with the board) saved into a folder or one .zip by the Exports feature's own download, which asks
 * where with the system's dialog, verifies each file and asks before saving one that runs programs.
 */
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { vpnStore } from '../../stores/vpn'
import { Dialog } from '../../ui/Dialog'
import { RefreshNotice } from '../../ui/RefreshNotice'
import { OvpnManyReport, OvpnScriptsConfirmation, useOvpnMany } from '../exports/DownloadOvpnManyButton'
import type { BulkTarget } from './bulk-choice'

export function VpnFilesDialog({ targets, onClose }: { targets: readonly BulkTarget[]; onClose(): void }) {
  const { t } = useTranslation()
  const list = vpnStore.useList()
  const many = useOvpnMany()
  const items = useMemo(() => {
    const ids = new Set(targets.map((target) => target.id))
    return (list.data ?? []).filter((vpn) => ids.has(vpn.connection_id)).map((vpn) => ({ connId: vpn.connection_id, ovpnId: vpn.id }))
  }, [list.data, targets])
  const busy = many.busy !== undefined
  return (
    <Dialog title={t('bulk.ovpn.title', { count: targets.length })} onClose={busy ? () => {} : onClose}>
      <RefreshNotice error={list.error} onRetry={() => void list.refresh()} />
      {list.data === undefined ? (
        list.loading && <p role="status">{t('bulk.ovpn.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('bulk.ovpn.none')}</p>
      ) : (
        <>
          <p>
            {t('bulk.ovpn.found', { count: items.length })} {t('exports.downloadManyHow')}
          </p>
          <div className="dialog-actions">
            <button type="button" disabled={busy} onClick={() => void many.run('folder', items)}>
              {many.busy === 'folder' ? t('exports.downloading') : t('exports.intoFolder')}
            </button>
            <button type="button" disabled={busy} onClick={() => void many.run('zip', items)}>
              {many.busy === 'zip' ? t('exports.downloading') : t('exports.intoZip')}
            </button>
          </div>
        </>
      )}
      <OvpnManyReport result={many.result} error={many.error} />
      <OvpnScriptsConfirmation many={many} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {t('app.close')}
        </button>
      </div>
    </Dialog>
  )
}
