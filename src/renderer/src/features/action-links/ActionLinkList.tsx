/**
 * Action links with their URL (read-only, selectable: anyone holding it can run the action), run and delete:
 * every link of the account (the Action links screen, with each link's connection) or one connection's (its tab).
 * One component for both, on the one action-links store. A reboot asks first; changing the IP runs at once.
 */
import { useId, useMemo, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ACTION_LINK_ACTIONS, type ActionLink, type ActionLinkAction } from '../../../../shared/iproxy'
import { useActionLinks } from '../../stores/action-links'
import { useConnectionNames } from '../../stores/connections'
import { CopyButton } from '../../ui/CopyButton'
import { errorMessage } from '../../ui/error-message'
import { LocalTime } from '../../ui/LocalTime'
import { Outcome } from '../../ui/Outcome'
import { RefreshNotice } from '../../ui/RefreshNotice'
import type { GridColumn } from '../../ui/VirtualGrid'
import { VirtualGrid } from '../../ui/VirtualGrid'
import type { ActionLinkEditing } from './ActionLinkDialogs'
import { ActionLinkDialogs, actionLabel, runActionLink } from './ActionLinkDialogs'
import '../connection-detail/tabs/tabs.css'

type Outcome = { message: string; error?: boolean }

interface RowHandlers {
  names: Map<string, string> | undefined
  running: string | undefined
  run(link: ActionLink): void
  edit(editing: ActionLinkEditing): void
}

const linkName = (link: ActionLink, t: TFunction) => `${actionLabel(link.action, t)}${link.comment ? ` (${link.comment})` : ''}`

function columnsFor(t: TFunction, { names, running, run, edit }: RowHandlers): GridColumn<ActionLink>[] {
  return [
    { id: 'action', label: t('actionLinks.action'), width: 'minmax(100px, 1fr)', header: true, render: (link) => <span>{actionLabel(link.action, t)}</span> },
    ...(names
      ? [{ id: 'connection', label: t('actionLinks.connection'), width: 'minmax(130px, 1.2fr)', fold: 'medium' as const, render: (link: ActionLink) => <span>{names.get(link.connection_id) ?? link.connection_id}</span> }]
      : []),
    { id: 'comment', label: t('actionLinks.comment'), width: 'minmax(90px, 1fr)', fold: 'medium', render: (link) => <span title={link.comment}>{link.comment ?? ''}</span> },
    { id: 'created', label: t('actionLinks.created'), width: 'minmax(120px, 1fr)', fold: 'narrow', render: (link) => <LocalTime value={link.created_at} /> },
    {
      id: 'url',
      label: t('actionLinks.url'),
      width: 'minmax(300px, 2.5fr)',
      cellClassName: 'vgrid-actions',
      render: (link) => (
        <>
          <input
            className="url-field mono"
            type="text"
            readOnly
            value={link.link}
            aria-label={t('actionLinks.urlLabel', { link: linkName(link, t) })}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={link.link} what={t('actionLinks.urlLabel', { link: linkName(link, t) })} />
        </>
      ),
    },
    {
      id: 'actions',
      label: t('actionLinks.actionsColumn'),
      hideLabel: true,
      width: '160px',
      cellClassName: 'vgrid-actions',
      render: (link) => (
        <>
          <button type="button" aria-label={t('actionLinks.runLabel', { link: linkName(link, t) })} disabled={running === link.id} onClick={() => run(link)}>
            {t('actionLinks.run')}
          </button>
          <button type="button" className="danger" aria-label={t('actionLinks.deleteLabel', { link: linkName(link, t) })} onClick={() => edit({ kind: 'delete', link })}>
            {t('actionLinks.delete')}
          </button>
        </>
      ),
    },
  ]
}

/** `connId` given: that connection's links (its Action links tab); otherwise the account's (the Action links screen). */
export function ActionLinkList({ connId }: { connId?: string }) {
  const { t } = useTranslation()
  const account = connId === undefined
  const [action, setAction] = useState<ActionLinkAction>()
  const links = useActionLinks(connId, action)
  const filterId = useId()
  // The account-wide screen names each link's connection and lets the user choose one when creating.
  const { connections, names } = useConnectionNames(account)
  const [editing, setEditing] = useState<ActionLinkEditing>()
  const [outcome, setOutcome] = useState<Outcome>()
  const [running, setRunning] = useState<string>()
  const columns = useMemo(() => {
    const run = async (link: ActionLink) => {
      if (link.action === 'reboot') return setEditing({ kind: 'run', link })
      setRunning(link.id)
      try {
        setOutcome({ message: await runActionLink(link, t) })
      } catch (err) {
        setOutcome({ message: t('actionLinks.runFailed', { reason: errorMessage(err) }), error: true })
      } finally {
        setRunning(undefined)
      }
    }
    return columnsFor(t, { names, running, run: (link) => void run(link), edit: setEditing })
  }, [t, names, running])
  const list = links.data
  return (
    <div className={account ? 'action-links-screen' : 'tab-panel-body'}>
      <div className="toolbar">
        <button type="button" className="primary" disabled={account && !connections?.length} onClick={() => setEditing({ kind: 'create', ...(connId ? { connId } : {}) })}>
          {t('actionLinks.add')}
        </button>
        <button type="button" data-shortcut="refresh" onClick={() => void links.refresh()} disabled={links.loading}>
          {t('actionLinks.refresh')}
        </button>
        <label htmlFor={filterId}>{t('actionLinks.filterLabel')}</label>
        <select id={filterId} value={action ?? ''} onChange={(e) => setAction((e.target.value || undefined) as ActionLinkAction | undefined)}>
          <option value="">{t('actionLinks.filterAll')}</option>
          {ACTION_LINK_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a, t)}
            </option>
          ))}
        </select>
      </div>
      <RefreshNotice error={links.error} onRetry={() => void links.refresh()} />
      <Outcome outcome={outcome} />
      {!list && links.loading && <p>{t('app.loading')}</p>}
      {list && list.length === 0 && (
        <p className="empty-state">{action ? t('actionLinks.emptyFiltered', { action: actionLabel(action, t) }) : account ? t('actionLinks.emptyAccount') : t('actionLinks.empty')}</p>
      )}
      {list && list.length > 0 && (
        <VirtualGrid label={t('actionLinks.tableLabel')} rows={list} columns={columns} rowId={(link) => link.id} rowHeight={52} fit className="access-grid" />
      )}
      {editing && links.profileId && (
        <ActionLinkDialogs
          editing={editing}
          profileId={links.profileId}
          {...(account ? { connections: connections ?? [] } : {})}
          onClose={() => setEditing(undefined)}
          onDone={(message) => setOutcome({ message })}
        />
      )}
    </div>
  )
}
