import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TEAM_PERMISSIONS } from '../../../../../shared/iproxy'
import type { TeamAccess } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { ConfirmDialog } from '../../../ui/ConfirmDialog'
import { RefreshNotice } from '../../../ui/RefreshNotice'
import { membersOf } from './permission-groups'
import type { Member } from './permission-groups'
import { TeamAccessDialog } from './TeamAccessDialog'
import { updateConnection, useConnection } from '../../../stores/connections'

/** People with access to the connection: add by email with a permission checklist, change, remove. */
export function TeamTab({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const { data, error, profileId, refresh } = useConnection(connId)
  const [editing, setEditing] = useState<Member | 'new'>()
  const [removing, setRemoving] = useState<Member>()
  const [notice, setNotice] = useState<string>()

  if (!data || !profileId) {
    return error ? <RefreshNotice error={error} onRetry={() => void refresh()} /> : <p>{t('connectionDetail.loadingConnection')}</p>
  }
  const members = membersOf(data.shared_users)

  function saved(access: TeamAccess, isNew: boolean): void {
    if (!profileId) return
    updateConnection(profileId, connId, (c) => {
      const others = c.shared_users.filter((u) => (u as { email?: unknown }).email !== access.email)
      return { ...c, shared_users: [...others, { email: access.email, permissions: access.permissions }] }
    })
    setEditing(undefined)
    setNotice(t(isNew ? 'connectionDetail.team.added' : 'connectionDetail.team.changed', { email: access.email }))
  }

  return (
    <div className="team-tab">
      <RefreshNotice error={error} onRetry={() => void refresh()} />
      <h3>{t('connectionDetail.team.title')}</h3>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {members.length === 0 ? (
        <p className="empty-state">{t('connectionDetail.team.empty')}</p>
      ) : (
        <table className="table" aria-label={t('connectionDetail.team.title')}>
          <thead>
            <tr>
              <th scope="col">{t('connectionDetail.team.email')}</th>
              <th scope="col">{t('connectionDetail.team.permissions')}</th>
              <th scope="col">{t('connectionDetail.team.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.email}>
                <th scope="row">{member.email}</th>
                <td>
                  {t('connectionDetail.team.granted', {
                    count: TEAM_PERMISSIONS.filter((p) => member.permissions[p]).length,
                    total: TEAM_PERMISSIONS.length,
                  })}
                </td>
                <td>
                  <div className="row-actions">
                    <button type="button" aria-label={t('connectionDetail.team.editOf', { email: member.email })} onClick={() => setEditing(member)}>
                      {t('connectionDetail.team.edit')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('connectionDetail.team.removeOf', { email: member.email })}
                      onClick={() => setRemoving(member)}
                    >
                      {t('connectionDetail.team.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('connectionDetail.team.add')}
        </button>
      </div>
      {editing && (
        <TeamAccessDialog
          connId={connId}
          {...(editing === 'new' ? {} : { member: editing })}
          onSaved={(access) => saved(access, editing === 'new')}
          onClose={() => setEditing(undefined)}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('connectionDetail.team.removeTitle', { email: removing.email })}
          body={t('connectionDetail.team.removeBody', { email: removing.email })}
          confirmLabel={t('connectionDetail.team.removeConfirm')}
          onConfirm={async () => {
            const removed = await getApi().connections.removeTeamAccess({ connId, body: { email: removing.email } })
            updateConnection(profileId, connId, (c) => ({ ...c, shared_users: c.shared_users.filter((u) => (u as { email?: unknown }).email !== removed.email) }))
            setNotice(t('connectionDetail.team.removed', { email: removed.email }))
          }}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </div>
  )
}
