import { useId, useMemo, useState } from 'react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { createConnectionRequestSchema } from '../../../../shared/iproxy'
import type { CreateConnectionRequest, CreatedConnection } from '../../../../shared/iproxy'
import { getApi } from '../../bridge'
import { connectionStore } from '../../stores/connections'
import { countryGroups, knownCities } from './server-locations'
import { Dialog } from '../../ui/Dialog'
import { formErrors } from '../../ui/form-errors'
import { TextField } from '../../ui/TextField'

type Field = 'name' | 'description' | 'country' | 'city' | 'server_id' | 'prolongation_enabled'

interface Draft {
  where: 'location' | 'server'
  country: string
  city: string
  serverId: string
  name: string
  description: string
  prolongation: boolean
}

const EMPTY: Draft = { where: 'location', country: '', city: '', serverId: '', name: '', description: '', prolongation: true }

function requestOf(draft: Draft): CreateConnectionRequest {
  const trimmed = (value: string) => (value.trim() === '' ? undefined : value.trim())
  const body: Record<string, unknown> = { name: draft.name.trim(), prolongation_enabled: draft.prolongation }
  const description = trimmed(draft.description)
  if (description !== undefined) body.description = description
  if (draft.where === 'server') body.server_id = draft.serverId.trim()
  else {
    body.country = draft.country.trim().toLowerCase()
    body.city = draft.city.trim().toLowerCase()
  }
  return body as CreateConnectionRequest
}

/** Field errors keyed by the form's field: from the shared validator or from the server (`body.<field>` too). */
function errorsByField(fields: Record<string, string>): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {}
  for (const [key, message] of Object.entries(fields)) out[key.replace(/^body\./, '') as Field] ??= message
  return out
}

/** Creates a connection by country + city or on a VIP server; the draft survives a failed save. */
export function NewConnectionDialog({ onClose, onCreated }: { onClose(): void; onCreated(created: CreatedConnection, name: string): void }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const connections = connectionStore.useList().data
  const countries = useMemo(() => countryGroups(connections, i18n.language), [connections, i18n.language])
  const cities = useMemo(() => knownCities(connections), [connections])
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFormError(undefined)
    const body = requestOf(draft)
    const parsed = createConnectionRequestSchema.safeParse(body)
    if (!parsed.success) {
      const fields: Record<string, string> = {}
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'name')] ??= issue.message
      setErrors(errorsByField(fields))
      return
    }
    setErrors({})
    setSaving(true)
    try {
      const created = await getApi().connections.create(parsed.data)
      onCreated(created, body.name)
    } catch (err) {
      const { fields, form } = formErrors(err)
      const byField = errorsByField(fields)
      setErrors(byField)
      // A field the form does not show (or none at all): the message goes to the form as a whole.
      const unshown = Object.keys(byField).filter((key) => !['name', 'description', 'country', 'city', 'server_id'].includes(key))
      setFormError(form ?? (unshown.length > 0 ? unshown.map((key) => `${key}: ${byField[key as Field]}`).join('; ') : undefined))
      setSaving(false)
    }
  }

  return (
    <Dialog title={t('connections.create.title')} onClose={onClose}>
      <form className="form new-connection" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="where">
          <legend>{t('connections.create.where')}</legend>
          <label>
            <input type="radio" name={`${id}-where`} checked={draft.where === 'location'} onChange={() => set({ where: 'location' })} />
            {t('connections.create.byLocation')}
          </label>
          <label>
            <input type="radio" name={`${id}-where`} checked={draft.where === 'server'} onChange={() => set({ where: 'server' })} />
            {t('connections.create.byServer')}
          </label>
        </fieldset>
        {draft.where === 'location' ? (
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-country`}>{t('connections.newConnection.country')}</label>
              <select
                id={`${id}-country`}
                value={draft.country}
                aria-invalid={errors.country ? true : undefined}
                aria-describedby={errors.country ? `${id}-country-error` : `${id}-country-hint`}
                onChange={(event) => set({ country: event.target.value, city: '' })}
              >
                <option value="">{t('connections.newConnection.chooseCountry')}</option>
                {countries.used.length > 0 && (
                  <optgroup label={t('connections.newConnection.usedCountries')}>
                    {countries.used.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name} ({c.code})
                      </option>
                    ))}
                  </optgroup>
                )}
                <optgroup label={t('connections.newConnection.otherCountries')}>
                  {countries.others.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name} ({c.code})
                    </option>
                  ))}
                </optgroup>
              </select>
              <small id={`${id}-country-hint`} className="field-hint">
                {t('connections.newConnection.countryHint')}
              </small>
              {errors.country && (
                <small id={`${id}-country-error`} className="field-error" role="alert">
                  {errors.country}
                </small>
              )}
            </div>
            <TextField
              label={t('connections.create.city')}
              hint={t('connections.create.cityHint')}
              list={`${id}-cities`}
              autoComplete="off"
              value={draft.city}
              onChange={(event) => set({ city: event.target.value })}
              error={errors.city}
            />
            {/* The city codes known for the chosen country: the account's connections' and the documented ones. */}
            <datalist id={`${id}-cities`}>
              {(cities.get(draft.country) ?? []).map((city) => (
                <option key={city} value={city} />
              ))}
            </datalist>
          </div>
        ) : (
          <TextField
            label={t('connections.create.serverId')}
            value={draft.serverId}
            onChange={(event) => set({ serverId: event.target.value })}
            error={errors.server_id}
          />
        )}
        <TextField label={t('connections.create.name')} value={draft.name} onChange={(event) => set({ name: event.target.value })} error={errors.name} />
        <TextField
          label={t('connections.create.description')}
          value={draft.description}
          onChange={(event) => set({ description: event.target.value })}
          error={errors.description}
        />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.prolongation}
              aria-describedby={`${id}-prolongation`}
              onChange={(event) => set({ prolongation: event.target.checked })}
            />
            {t('connections.create.prolongation')}
          </label>
          {/* What the choice does and when money is taken, for the choice as it stands now. */}
          <small id={`${id}-prolongation`} className="field-hint" aria-live="polite">
            {draft.prolongation ? t('connections.newConnection.prolongationOn') : t('connections.newConnection.prolongationOff')}
          </small>
        </div>
        {formError && (
          <p role="alert" className="form-error">
            {formError}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={saving}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? t('connections.create.submitting') : t('connections.create.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
