import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { updateConnectionBasicInfoRequestSchema } from '../../../../../shared/iproxy'
import type { Connection, UpdateConnectionBasicInfoRequest } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { updateConnection } from '../../../stores/connections'
import { FieldsForm, onlyChanged } from '../../../ui/FieldsForm'

/** Rename and edit the description; only what changed is sent, and a failed save keeps what was typed. */
export function BasicInfoSection({ profileId, connection }: { profileId: string; connection: Connection }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  const [notice, setNotice] = useState<string>()
  const info = connection.basic_info
  const initial = { name: info.name, description: info.description ?? '' }

  function startEditing(): void {
    setNotice(undefined)
    setEditing(true)
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
        <FieldsForm
          label={t('connectionDetail.overview.edit')}
          fields={[
            { name: 'name', label: t('connectionDetail.overview.name') },
            { name: 'description', label: t('connectionDetail.overview.description') },
          ]}
          initial={initial}
          body={onlyChanged(initial)}
          schema={updateConnectionBasicInfoRequestSchema}
          rule={() => t('connectionDetail.rules.length')}
          submit={async (body) => {
            const saved = await getApi().connections.updateBasicInfo({ connId: connection.id, body: body as UpdateConnectionBasicInfoRequest })
            updateConnection(profileId, connection.id, (c) => ({
              ...c,
              basic_info: { ...c.basic_info, name: saved.name, ...(saved.description !== undefined ? { description: saved.description } : {}) },
            }))
            setEditing(false)
            setNotice(t('connectionDetail.overview.saved'))
          }}
          onCancel={() => setEditing(false)}
        />
      )}
    </section>
  )
}
