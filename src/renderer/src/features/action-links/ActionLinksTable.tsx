import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyButton } from '../../ui/CopyButton'
import type { ActionLink } from '../../../../shared/iproxy'
import { errorMessage } from '../../ui/error-message'
import { LocalTime } from '../../ui/LocalTime'
import type { ActionLinkEditing } from './ActionLinkDialogs'
import { actionLabel, runActionLink } from './ActionLinkDialogs'

interface ActionLinksTableProps {
  rows: ActionLink[]
  /** Connection names by id: shows a Connection column (the account-wide screen). */
  connectionNames?: Map<string, string>
  onEdit(editing: ActionLinkEditing): void
  /** What happened when a link ran (or why it did not). */
  onOutcome(outcome: { message: string; error?: boolean }): void
}

/**
 * Action links with their URL (read-only, selectable: anyone holding it can run the action), run and delete.
 * A reboot asks first; changing the IP runs at once.
 */
export function ActionLinksTable({ rows, connectionNames, onEdit, onOutcome }: ActionLinksTableProps) {
  const { t } = useTranslation()
  const [running, setRunning] = useState<string>()
  return (
    <div className="table-scroll">
      <table className="table" aria-label={t('actionLinks.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('actionLinks.action')}</th>
            {connectionNames && <th scope="col">{t('actionLinks.connection')}</th>}
            <th scope="col">{t('actionLinks.comment')}</th>
            <th scope="col">{t('actionLinks.created')}</th>
            <th scope="col">{t('actionLinks.url')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('actionLinks.actionsColumn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((link) => {
            const label = `${actionLabel(link.action, t)}${link.comment ? ` (${link.comment})` : ''}`
            return (
              <tr key={link.id}>
                <th scope="row">{actionLabel(link.action, t)}</th>
                {connectionNames && <td>{connectionNames.get(link.connection_id) ?? link.connection_id}</td>}
                <td>{link.comment ?? ''}</td>
                <td>
                  <LocalTime value={link.created_at} />
                </td>
                <td>
                  <input
                    className="url-field mono"
                    type="text"
                    readOnly
                    value={link.link}
                    aria-label={t('actionLinks.urlLabel', { link: label })}
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  <CopyButton text={link.link} what={t('actionLinks.urlLabel', { link: label })} />
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={t('actionLinks.runLabel', { link: label })}
                    disabled={running === link.id}
                    onClick={async () => {
                      if (link.action === 'reboot') return onEdit({ kind: 'run', link })
                      setRunning(link.id)
                      try {
                        onOutcome({ message: await runActionLink(link, t) })
                      } catch (err) {
                        onOutcome({ message: t('actionLinks.runFailed', { reason: errorMessage(err) }), error: true })
                      } finally {
                        setRunning(undefined)
                      }
                    }}
                  >
                    {t('actionLinks.run')}
                  </button>
                  <button type="button" className="danger" aria-label={t('actionLinks.deleteLabel', { link: label })} onClick={() => onEdit({ kind: 'delete', link })}>
                    {t('actionLinks.delete')}
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
