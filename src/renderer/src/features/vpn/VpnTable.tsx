import { useTranslation } from 'react-i18next'
import type { OvpnAccess } from '../../../../shared/iproxy'
import { LocalTime } from '../../ui/LocalTime'
import { DownloadOvpnButton } from '../exports/DownloadOvpnButton'
import type { VpnEditing } from './VpnDialogs'

interface VpnTableProps {
  rows: OvpnAccess[]
  /** Connection names by id: shows a Connection column (the account-wide screen). */
  connectionNames?: Map<string, string>
  /** Row selection (the account-wide screen's multi-select). */
  selected?: Set<string>
  onToggle?(id: string): void
  onToggleAll?(): void
  onEdit(editing: VpnEditing): void
}

/** OpenVPN accesses with rename / expiry / delete on each row. */
export function VpnTable({ rows, connectionNames, selected, onToggle, onToggleAll, onEdit }: VpnTableProps) {
  const { t } = useTranslation()
  const allSelected = selected !== undefined && rows.length > 0 && rows.every((r) => selected.has(r.id))
  return (
    <div className="table-scroll">
      <table className="table" aria-label={t('vpn.tableLabel')}>
        <thead>
          <tr>
            {selected && (
              <th scope="col">
                <input type="checkbox" aria-label={t('vpn.selectAll')} checked={allSelected} onChange={() => onToggleAll?.()} />
              </th>
            )}
            <th scope="col">{t('vpn.name')}</th>
            {connectionNames && <th scope="col">{t('vpn.connection')}</th>}
            <th scope="col">{t('vpn.status')}</th>
            <th scope="col">{t('vpn.expires')}</th>
            <th scope="col">{t('vpn.description')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('vpn.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((vpn) => (
            <tr key={vpn.id}>
              {selected && (
                <td>
                  <input type="checkbox" aria-label={t('vpn.select', { name: vpn.name })} checked={selected.has(vpn.id)} onChange={() => onToggle?.(vpn.id)} />
                </td>
              )}
              <th scope="row">{vpn.name}</th>
              {connectionNames && <td>{connectionNames.get(vpn.connection_id) ?? vpn.connection_id}</td>}
              <td>{vpn.status}</td>
              <td>
                <LocalTime value={vpn.expires_at} fallback={t('vpn.never')} />
              </td>
              <td>{vpn.description ?? ''}</td>
              <td className="row-actions">
                <DownloadOvpnButton connId={vpn.connection_id} ovpnId={vpn.id} name={vpn.name} />
                <button type="button" aria-label={t('vpn.renameLabel', { name: vpn.name })} onClick={() => onEdit({ kind: 'rename', vpn })}>
                  {t('vpn.rename')}
                </button>
                <button type="button" aria-label={t('vpn.expiryLabel', { name: vpn.name })} onClick={() => onEdit({ kind: 'expiry', vpn })}>
                  {t('vpn.setExpiry')}
                </button>
                <button type="button" className="danger" aria-label={t('vpn.deleteLabel', { name: vpn.name })} onClick={() => onEdit({ kind: 'delete', vpn })}>
                  {t('vpn.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
