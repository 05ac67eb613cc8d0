import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OvpnAccess } from '../../../../shared/iproxy'
import { createOvpnAccessRequestSchema, EXPIRES_AT_NEVER, updateOvpnAccessRequestSchema } from '../../../../shared/iproxy'
import { getApi } from '../../bridge'
import { vpnStore } from '../../stores/vpn'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { Dialog } from '../../ui/Dialog'
import { FieldsForm } from '../../ui/FieldsForm'
import type { FormErrors } from '../../ui/form-errors'
import { TextField } from '../../ui/TextField'
import { isNoDate } from '../../ui/time-text'
import { serverErrors, validateBody } from '../../ui/form-errors'
import { FormError } from '../../ui/FormError'
import { fromLocalInput, toLocalInput } from '../../ui/local-input'
import { FormActions } from '../../ui/FormActions'

export type VpnEditing = { kind: 'create'; connId: string } | { kind: 'rename' | 'expiry' | 'delete'; vpn: OvpnAccess }

/** The create / rename / expiry / delete dialogs of VPN accesses, shared by the VPN tab and the VPN screen. */
export function VpnDialogs({ editing, profileId, onClose, onDone }: { editing: VpnEditing; profileId: string; onClose(): void; onDone(message: string): void }) {
  const { t } = useTranslation()
  if (editing.kind === 'create') {
    return (
      <VpnForm
        title={t('vpn.createTitle')}
        submitLabel={t('vpn.create')}
        fields={{ name: '', description: '' }}
        schema="create"
        onClose={onClose}
        submit={async (body) => {
          const created = await getApi().vpn.create({ connId: editing.connId, body })
          vpnStore.applyChange(profileId, { kind: 'create', item: created })
          onDone(t('vpn.created', { name: created.name }))
        }}
      />
    )
  }
  const { vpn } = editing
  if (editing.kind === 'rename') {
    return (
      <VpnForm
        title={t('vpn.renameTitle', { name: vpn.name })}
        submitLabel={t('app.save')}
        fields={{ name: vpn.name, description: vpn.description ?? '' }}
        schema="update"
        onClose={onClose}
        submit={async (body) => {
          const updated = await getApi().vpn.update({ connId: vpn.connection_id, ovpnId: vpn.id, body })
          vpnStore.applyChange(profileId, { kind: 'update', item: updated })
          onDone(t('vpn.saved', { name: updated.name }))
        }}
      />
    )
  }
  if (editing.kind === 'expiry') {
    return (
      <ExpiryForm
        vpn={vpn}
        onClose={onClose}
        submit={async (expiresAt) => {
          const updated = await getApi().vpn.update({ connId: vpn.connection_id, ovpnId: vpn.id, body: { expires_at: expiresAt } })
          vpnStore.applyChange(profileId, { kind: 'update', item: updated })
          onDone(t('vpn.saved', { name: updated.name }))
        }}
      />
    )
  }
  return (
    <ConfirmDialog
      title={t('vpn.deleteTitle', { name: vpn.name })}
      body={t('vpn.deleteBody')}
      confirmLabel={t('vpn.deleteConfirm')}
      onClose={onClose}
      onConfirm={async () => {
        await getApi().vpn.delete({ connId: vpn.connection_id, ovpnId: vpn.id })
        vpnStore.applyChange(profileId, { kind: 'delete', item: vpn })
        onDone(t('vpn.deleted', { name: vpn.name }))
      }}
    />
  )
}

/** Name and description of an access: the same fields form as a connection's basic info, in a dialog. */
function VpnForm(props: {
  title: string
  submitLabel: string
  fields: { name: string; description: string }
  schema: 'create' | 'update'
  submit(values: { name: string; description?: string }): Promise<void>
  onClose(): void
}) {
  const { t } = useTranslation()
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <FieldsForm
        className="form tab-form"
        fields={[
          { name: 'name', label: t('vpn.name'), autoComplete: 'off' },
          { name: 'description', label: t('vpn.description') },
        ]}
        initial={props.fields}
        body={({ name, description }) => ({ name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) })}
        schema={props.schema === 'create' ? createOvpnAccessRequestSchema : updateOvpnAccessRequestSchema}
        submitLabel={props.submitLabel}
        submit={async (body) => {
          await props.submit(body as { name: string; description?: string })
          props.onClose()
        }}
        onCancel={props.onClose}
      />
    </Dialog>
  )
}

function ExpiryForm({ vpn, submit, onClose }: { vpn: OvpnAccess; submit(expiresAt: string): Promise<void>; onClose(): void }) {
  const { t } = useTranslation()
  const [never, setNever] = useState(isNoDate(vpn.expires_at))
  const [value, setValue] = useState(toLocalInput(vpn.expires_at))
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [busy, setBusy] = useState(false)
  const title = t('vpn.expiryTitle', { name: vpn.name })
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className="form tab-form"
        onSubmit={async (event) => {
          event.preventDefault()
          const expiresAt = never ? EXPIRES_AT_NEVER : (fromLocalInput(value) ?? value)
          if (!never && !value) return setErrors({ fields: { expires_at: t('vpn.expiryRequired') } })
          const problems = validateBody(updateOvpnAccessRequestSchema, { expires_at: expiresAt }, ['expires_at'])
          if (problems) return setErrors(problems)
          setBusy(true)
          setErrors({ fields: {} })
          try {
            await submit(expiresAt)
            onClose()
          } catch (err) {
            setErrors(serverErrors(err, ['expires_at']))
            setBusy(false)
          }
        }}
      >
        <label className="choice">
          <input type="checkbox" checked={never} onChange={(e) => setNever(e.target.checked)} />
          {t('vpn.noExpiry')}
        </label>
        {!never && (
          <TextField label={t('vpn.expires')} type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} error={errors.fields.expires_at} />
        )}
        <FormError message={errors.form ?? (never ? errors.fields.expires_at : undefined)} />
        <FormActions busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  )
}
