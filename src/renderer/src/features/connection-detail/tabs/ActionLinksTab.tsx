import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useConnectionActionLinks } from '../../../stores/connection-data'
import type { ActionLinkEditing } from '../../action-links/ActionLinkDialogs'
import { ActionLinkDialogs } from '../../action-links/ActionLinkDialogs'
import { ActionLinksTable } from '../../action-links/ActionLinksTable'
import { RefreshNotice } from '../../../ui/RefreshNotice'
import { Outcome } from '../../../ui/Outcome'
import './tabs.css'

/** This connection's action links: create, delete, see the URL, run one. */
export function ActionLinksTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const links = useConnectionActionLinks(connId)
  const [editing, setEditing] = useState<ActionLinkEditing>()
  const [outcome, setOutcome] = useState<{ message: string; error?: boolean }>()
  const list = links.data
  return (
    <div className="tab-panel-body">
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'create', connId })}>
          {t('actionLinks.add')}
        </button>
        <button type="button" onClick={() => void links.refresh()} disabled={links.loading}>
          {t('actionLinks.refresh')}
        </button>
      </div>
      <RefreshNotice error={links.error} onRetry={() => void links.refresh()} />
      <Outcome outcome={outcome} />
      {!list && links.loading && <p>{t('app.loading')}</p>}
      {list && list.length === 0 && <p className="empty-state">{t('actionLinks.empty')}</p>}
      {list && list.length > 0 && <ActionLinksTable rows={list} onEdit={setEditing} onOutcome={setOutcome} />}
      {editing && links.profileId && (
        <ActionLinkDialogs editing={editing} profileId={links.profileId} onClose={() => setEditing(undefined)} onDone={(message) => setOutcome({ message })} />
      )}
    </div>
  )
}
