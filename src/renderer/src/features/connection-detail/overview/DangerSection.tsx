import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DELETE_REASONS, deleteConnectionRequestSchema, recreateConnectionRequestSchema } from '../../../../../shared/iproxy'
import type { Connection, DeleteReason, RecreateConnectionRequest } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { connectionStore } from '../../../stores/connections'
import { useNavigation } from '../../../stores/navigation'
import { ConfirmDialog } from '../../../ui/ConfirmDialog'
import { TextField } from '../../../ui/TextField'
import type { FormErrors } from '../../../ui/form-errors'
import { schemaErrors, serverErrors } from '../../../ui/form-errors'
import { localTimeText } from '../../../ui/time-text'
import { useMountTime } from './use-mount-time'

/**
 * The API deletes only connections without an active plan; one with an active plan is recreated instead (a new
 * connection keeps the plan). This section says which applies and offers only that.
 */
export function DangerSection({ profileId, connection }: { profileId: string; connection: Connection }) {
  const { t } = useTranslation()
  const now = useMountTime()
  const plan = connection.plan_info?.active_plan
  const activeUntil = plan && Date.parse(plan.expires_at) > now ? plan.expires_at : undefined
  return (
    <section className="detail-section danger-zone" aria-labelledby="overview-danger">
      {/* Collapsed until asked for: a destructive form should not sit open on every visit (the summary is a button). */}
      <details>
        <summary>
          <h3 id="overview-danger">{t('connectionDetail.danger.title')}</h3>
        </summary>
      {activeUntil ? (
        <>
          <p>{t('connectionDetail.danger.activePlan', { date: localTimeText(activeUntil) })}</p>
          <RecreateForm profileId={profileId} connection={connection} />
        </>
      ) : (
        <>
          <p>{t('connectionDetail.danger.noActivePlan')}</p>
          <DeleteForm profileId={profileId} connection={connection} />
        </>
      )}
      </details>
    </section>
  )
}

/** After a delete or recreate the account's list changed: drop the stale row now, then refetch it. */
function refreshList(profileId: string, removed: Connection): void {
  connectionStore.applyChange(profileId, { kind: 'delete', item: removed })
  void connectionStore.refresh(profileId)
}

function DeleteForm({ profileId, connection }: { profileId: string; connection: Connection }) {
  const { t } = useTranslation()
  const legendId = useId()
  const closeConnection = useNavigation((s) => s.closeConnection)
  const [choice, setChoice] = useState<DeleteReason | 'other'>()
  const [other, setOther] = useState('')
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [reason, setReason] = useState<string>()
  const name = connection.basic_info.name

  function ask(): void {
    const body = { reason: choice === 'other' ? other : (choice ?? '') }
    const parsed = deleteConnectionRequestSchema.safeParse(body)
    if (!parsed.success) return setErrors(schemaErrors(parsed.error, ['reason'], () => t('connectionDetail.rules.reason')))
    setErrors({ fields: {} })
    setReason(parsed.data.reason)
  }

  return (
    <form
      className="form"
      aria-label={t('connectionDetail.danger.delete')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        ask()
      }}
    >
      <fieldset className="radio-group" aria-describedby={errors.fields.reason ? `${legendId}-error` : undefined}>
        <legend id={legendId}>{t('connectionDetail.danger.reason')}</legend>
        {[...DELETE_REASONS, 'other' as const].map((id) => (
          <label key={id} className="check">
            <input type="radio" name="delete-reason" value={id} checked={choice === id} onChange={() => setChoice(id)} />
            {t(`connectionDetail.danger.reasons.${id}`)}
          </label>
        ))}
        {choice === 'other' && (
          <TextField label={t('connectionDetail.danger.otherText')} value={other} onChange={(e) => setOther(e.target.value)} />
        )}
        {errors.fields.reason && (
          <small id={`${legendId}-error`} role="alert" className="field-error">
            {errors.fields.reason}
          </small>
        )}
      </fieldset>
      <div className="toolbar">
        <button type="submit" className="danger">
          {t('connectionDetail.danger.delete')}
        </button>
      </div>
      {reason !== undefined && (
        <ConfirmDialog
          title={t('connectionDetail.danger.deleteTitle', { name })}
          body={t('connectionDetail.danger.deleteBody', { name })}
          confirmLabel={t('connectionDetail.danger.deleteConfirm')}
          onConfirm={async () => {
            await getApi().connections.delete({ connId: connection.id, body: { reason } })
            refreshList(profileId, connection)
            closeConnection()
          }}
          onClose={() => setReason(undefined)}
        />
      )}
    </form>
  )
}

const RECREATE_FIELDS = ['name', 'server_id', 'description'] as const

function RecreateForm({ profileId, connection }: { profileId: string; connection: Connection }) {
  const { t } = useTranslation()
  const openConnection = useNavigation((s) => s.openConnection)
  const info = connection.basic_info
  const [values, setValues] = useState({ name: info.name, server_id: info.server_id ?? '', description: info.description ?? '' })
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [pending, setPending] = useState<RecreateConnectionRequest>()

  function ask(): void {
    const body = {
      connection_id: connection.id,
      name: values.name,
      server_id: values.server_id.trim(),
      ...(values.description ? { description: values.description } : {}),
    }
    const parsed = recreateConnectionRequestSchema.safeParse(body)
    if (!parsed.success) {
      return setErrors(schemaErrors(parsed.error, RECREATE_FIELDS, (field) => t(field === 'server_id' ? 'connectionDetail.rules.required' : 'connectionDetail.rules.length')))
    }
    setErrors({ fields: {} })
    setPending(body)
  }

  return (
    <form
      className="form"
      aria-label={t('connectionDetail.danger.recreate')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        ask()
      }}
    >
      <TextField label={t('connectionDetail.danger.recreateName')} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} error={errors.fields.name} />
      <TextField
        label={t('connectionDetail.danger.recreateServer')}
        hint={t('connectionDetail.danger.recreateServerHint')}
        value={values.server_id}
        onChange={(e) => setValues({ ...values, server_id: e.target.value })}
        error={errors.fields.server_id}
      />
      <TextField
        label={t('connectionDetail.danger.recreateDescription')}
        value={values.description}
        onChange={(e) => setValues({ ...values, description: e.target.value })}
        error={errors.fields.description}
      />
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
      <div className="toolbar">
        <button type="submit" className="danger">
          {t('connectionDetail.danger.recreate')}
        </button>
      </div>
      {pending && (
        <ConfirmDialog
          title={t('connectionDetail.danger.recreateTitle', { name: info.name })}
          body={t('connectionDetail.danger.recreateBody', { name: info.name, newName: pending.name, server: pending.server_id })}
          confirmLabel={t('connectionDetail.danger.recreateConfirm')}
          onConfirm={async () => {
            try {
              const created = await getApi().connections.recreate(pending)
              refreshList(profileId, connection)
              openConnection(created.id)
            } catch (err) {
              const found = serverErrors(err, RECREATE_FIELDS)
              if (Object.keys(found.fields).length === 0) throw err
              setErrors(found)
            }
          }}
          onClose={() => setPending(undefined)}
        />
      )}
    </form>
  )
}
