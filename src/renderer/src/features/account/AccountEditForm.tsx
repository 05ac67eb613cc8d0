import { useTranslation } from 'react-i18next'
import type { UserInfo } from '../../../../shared/iproxy'
import { updateUserBasicInfoRequestSchema } from '../../../../shared/iproxy'
import { useAccount } from '../../stores/account'
import { FieldsForm, onlyChanged } from '../../ui/FieldsForm'

/** Edits display name, telegram and proxy prefix; sends only what changed; a failed save keeps what was typed. */
export function AccountEditForm({ profileId, info, onDone }: { profileId: string; info: UserInfo; onDone(saved: boolean): void }) {
  const { t } = useTranslation()
  const update = useAccount((s) => s.update)
  const initial = { display_name: info.display_name ?? '', telegram: info.telegram ?? '', proxy_prefix: info.proxy_prefix ?? '' }
  return (
    <FieldsForm
      label={t('account.edit')}
      fields={[
        { name: 'display_name', label: t('account.displayName') },
        { name: 'telegram', label: t('account.telegram') },
        { name: 'proxy_prefix', label: t('account.proxyPrefix') },
      ]}
      initial={initial}
      body={onlyChanged(initial)}
      schema={updateUserBasicInfoRequestSchema}
      submit={async (body) => {
        await update(profileId, body as Parameters<typeof update>[1])
        onDone(true)
      }}
      onCancel={() => onDone(false)}
    />
  )
}
