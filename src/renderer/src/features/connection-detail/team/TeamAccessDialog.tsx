import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { modifyTeamAccessRequestSchema } from '../../../../../shared/iproxy'
import type { TeamAccess } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { Dialog } from '../../../ui/Dialog'
import { TextField } from '../../../ui/TextField'
import type { FormErrors } from '../../../ui/form-errors'
import { schemaErrors, serverErrors } from '../../../ui/form-errors'
import { noPermissions } from './permission-groups'
import type { Member, Permissions } from './permission-groups'
import { PermissionChecklist } from './PermissionChecklist'
import { FormActions } from '../../../ui/FormActions'

interface Props {
  connId: string
  /** The member being changed; absent when adding someone. */
  member?: Member
  onSaved(access: TeamAccess): void
  onClose(): void
}

/** Add a person by email, or change someone's permissions; a failed save keeps everything that was chosen. */
export function TeamAccessDialog({ connId, member, onSaved, onClose }: Props) {
  const { t } = useTranslation()
  const [email, setEmail] = useState(member?.email ?? '')
  const [permissions, setPermissions] = useState<Permissions>(member?.permissions ?? noPermissions())
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [busy, setBusy] = useState(false)

  async function save(): Promise<void> {
    const parsed = modifyTeamAccessRequestSchema.safeParse({ email: email.trim(), permissions })
    if (!parsed.success) return setErrors(schemaErrors(parsed.error, ['email'], () => t('connectionDetail.rules.email')))
    setBusy(true)
    setErrors({ fields: {} })
    try {
      onSaved(await getApi().connections.modifyTeamAccess({ connId, body: parsed.data }))
    } catch (err) {
      setErrors(serverErrors(err, ['email']))
      setBusy(false)
    }
  }

  return (
    <Dialog title={member ? t('connectionDetail.team.editTitle', { email: member.email }) : t('connectionDetail.team.addTitle')} onClose={onClose}>
      <form
        className="team-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <TextField
          label={t('connectionDetail.team.email')}
          type="email"
          value={email}
          readOnly={member !== undefined}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fields.email}
        />
        <PermissionChecklist value={permissions} onChange={setPermissions} />
        {errors.form && (
          <p role="alert" className="form-error">
            {errors.form}
          </p>
        )}
        <FormActions busy={busy} onCancel={onClose} submitLabel={member ? t('app.save') : t('connectionDetail.team.addSubmit')} />
      </form>
    </Dialog>
  )
}
