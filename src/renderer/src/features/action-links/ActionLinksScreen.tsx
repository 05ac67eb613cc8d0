import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useActionLinksCache, useConnectionsCache } from '../../stores/account-lists'
import { useProfileData } from '../../stores/profile-cache'
import { Outcome } from '../../ui/Outcome'
import { RefreshNotice } from '../../ui/RefreshNotice'
import type { ActionLinkEditing } from './ActionLinkDialogs'
import { ActionLinkDialogs } from './ActionLinkDialogs'
import { ActionLinksTable } from './ActionLinksTable'
import '../connection-detail/tabs/tabs.css'

/** Every action link of the account, with the connection each belongs to. */
export function ActionLinksScreen() {
  const { t } = useTranslation()
  const links = useProfileData(useActionLinksCache)
  const connections = useProfileData(useConnectionsCache)
  const [editing, setEditing] = useState<ActionLinkEditing>()
  const [outcome, setOutcome] = useState<{ message: string; error?: boolean }>()
  const names = useMemo(() => new Map((connections.data ?? []).map((c) => [c.id, c.basic_info.name])), [connections.data])
  const list = links.data
  return (
    <div className="action-links-screen">
      <div className="toolbar">
        <button type="button" className="primary" disabled={!connections.data?.length} onClick={() => setEditing({ kind: 'create' })}>
          {t('actionLinks.add')}
        </button>
        <button type="button" onClick={() => void links.refresh()} disabled={links.loading}>
          {t('actionLinks.refresh')}
        </button>
      </div>
      <RefreshNotice error={links.error} onRetry={() => void links.refresh()} />
      <Outcome outcome={outcome} />
      {!list && links.loading && <p>{t('app.loading')}</p>}
      {list && list.length === 0 && <p className="empty-state">{t('actionLinks.emptyAccount')}</p>}
      {list && list.length > 0 && <ActionLinksTable rows={list} connectionNames={names} onEdit={setEditing} onOutcome={setOutcome} />}
      {editing && links.profileId && (
        <ActionLinkDialogs
          editing={editing}
          profileId={links.profileId}
          connections={connections.data ?? []}
          onClose={() => setEditing(undefined)}
          onDone={(message) => setOutcome({ message })}
        />
      )}
    </div>
  )
}
