import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { UserInfo } from '../../../../shared/iproxy'
import { useAccount } from '../../stores/account'
import { selectActiveProfile, useProfiles } from '../../stores/profiles'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { AccountEditForm } from './AccountEditForm'

/** The active account: who it is, its balance, its editable basic info, and key rotation. */
export function AccountScreen() {
  const { t } = useTranslation()
  const profile = useProfiles(selectActiveProfile)
  const refreshProfiles = useProfiles((s) => s.refresh)
  const { byProfile, error, load, rotateKey } = useAccount(
    useShallow((s) => ({ byProfile: s.byProfile, error: s.error, load: s.load, rotateKey: s.rotateKey })),
  )
  const [editing, setEditing] = useState(false)
  const [confirmRotate, setConfirmRotate] = useState(false)
  const [notice, setNotice] = useState<string>()
  const profileId = profile?.id

  useEffect(() => {
    if (profileId) void load(profileId)
  }, [profileId, load])

  if (!profileId) return <p className="empty-state">{t('account.noProfile')}</p>
  const info: UserInfo | undefined = byProfile[profileId]

  return (
    <div className="account-screen">
      {error && (
        <p role="alert" className="form-error">
          {t('app.couldNotRefresh', { reason: error })}{' '}
          <button type="button" onClick={() => void load(profileId)}>
            {t('app.retry')}
          </button>
        </p>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {!info && !error && <p>{t('app.loading')}</p>}
      {info && (
        <dl className="facts" aria-label={t('account.title')}>
          <dt>{t('account.username')}</dt>
          <dd>{info.username}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{info.email}</dd>
          <dt>{t('account.balance')}</dt>
          <dd data-testid="account-balance">{info.balance}</dd>
          <dt>{t('account.displayName')}</dt>
          <dd>{info.display_name ?? '—'}</dd>
          <dt>{t('account.telegram')}</dt>
          <dd>{info.telegram ?? '—'}</dd>
          <dt>{t('account.proxyPrefix')}</dt>
          <dd>{info.proxy_prefix ?? '—'}</dd>
        </dl>
      )}
      <div className="toolbar">
        {info && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('account.edit')}
          </button>
        )}
        <button type="button" className="danger" onClick={() => setConfirmRotate(true)}>
          {t('account.rotateKey')}
        </button>
      </div>
      {info && editing && (
        <AccountEditForm
          profileId={profileId}
          info={info}
          onDone={(saved) => {
            setEditing(false)
            if (saved) setNotice(t('account.saved'))
          }}
        />
      )}
      {confirmRotate && (
        <ConfirmDialog
          title={t('account.rotateTitle')}
          body={t('account.rotateBody')}
          confirmLabel={t('account.rotateConfirm')}
          onConfirm={async () => {
            const hint = await rotateKey()
            setNotice(t('account.rotated', { hint }))
            await refreshProfiles()
          }}
          onClose={() => setConfirmRotate(false)}
        />
      )}
    </div>
  )
}
