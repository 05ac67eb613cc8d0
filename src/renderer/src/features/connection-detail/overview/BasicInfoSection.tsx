import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { updateConnectionBasicInfoRequestSchema } from '../../../../../shared/iproxy'
import type { Connection } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { useConnectionDetail } from '../../../stores/connection-detail'
import { TextField } from '../../../ui/TextField'
import type { FormErrors } from '../../../ui/form-errors'
import { schemaErrors, serverErrors } from '../../../ui/form-errors'

const FIELDS = ['name', 'description'] as const

/** Rename and edit the description; only what changed is sent, and a failed save keeps what was typed. */
export function BasicInfoSection({ profileId, connection }: { profileId: string; connection: Connection }) {
  const { t } = useTranslation()
  const patch = useConnectionDetail((s) => s.patchConnection)
  const [editing, setEditing] = useState(false)
  const [values, setValues] = useState({ name: '', description: '' })
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string>()
  const info = connection.basic_info

  function startEditing(): void {
    setValues({ name: info.name, description: info.description ?? '' })
    setErrors({ fields: {} })
    setNotice(undefined)
    setEditing(true)
  }

  async function save(): Promise<void> {
    const changed = Object.fromEntries(
      FIELDS.filter((f) => values[f] !== (f === 'name' ? info.name : (info.description ?? ''))).map((f) => [f, values[f]]),
    )
    if (Object.keys(changed).length === 0) return setEditing(false)
    const parsed = updateConnectionBasicInfoRequestSchema.safeParse(changed)
    if (!parsed.success) return setErrors(schemaErrors(parsed.error, FIELDS, () => t('connectionDetail.rules.length')))
    setBusy(true)
    setErrors({ fields: {} })
    try {
      const saved = await getApi().connections.updateBasicInfo({ connId: connection.id, body: parsed.data })
      patch(profileId, connection.id, (c) => ({
        ...c,
        basic_info: { ...c.basic_info, name: saved.name, ...(saved.description !== undefined ? { description: saved.description } : {}) },
      }))
      setEditing(false)
      setNotice(t('connectionDetail.overview.saved'))
    } catch (err) {
      setErrors(serverErrors(err, FIELDS))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="detail-section" aria-labelledby="overview-basic">
      <h3 id="overview-basic">{t('connectionDetail.overview.basicTitle')}</h3>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {!editing ? (
        <>
          <dl className="facts">
            <dt>{t('connectionDetail.overview.name')}</dt>
            <dd data-testid="detail-name">{info.name}</dd>
            <dt>{t('connectionDetail.overview.description')}</dt>
            <dd data-testid="detail-description">{info.description || t('connectionDetail.none')}</dd>
          </dl>
          <div className="toolbar">
            <button type="button" onClick={startEditing}>
              {t('connectionDetail.overview.edit')}
            </button>
          </div>
        </>
      ) : (
        <form
          className="form"
          aria-label={t('connectionDetail.overview.edit')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <TextField
            label={t('connectionDetail.overview.name')}
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
            error={errors.fields.name}
          />
          <TextField
            label={t('connectionDetail.overview.description')}
            value={values.description}
            onChange={(e) => setValues({ ...values, description: e.target.value })}
            error={errors.fields.description}
          />
          {errors.form && (
            <p role="alert" className="form-error">
              {errors.form}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setEditing(false)} disabled={busy}>
              {t('app.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('app.saving') : t('app.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
