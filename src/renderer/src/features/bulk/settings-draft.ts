/**
 * The "Apply settings" form's model: which settings are ticked and the value typed for each, turned into the
 * request body with the Settings tab's own field kinds (connection-detail/settings/settings-fields.ts) and checked
 * with the seed's rules (`updateSettingsRequestSchema`) before anything is sent.
 */
import { updateSettingsRequestSchema, type SettingsField, type UpdateSettingsRequest } from '../../../../shared/iproxy'
import { FIELD_KINDS, requestValueOf, SETTINGS_FIELDS, type FormValue, type FormValues } from '../connection-detail/settings/settings-fields'

export interface SettingsDraft {
  /** The ticked settings, in the form's order. */
  included: ReadonlySet<SettingsField>
  values: FormValues
}

/** Nothing ticked, every box empty and every switch off: no connection's settings are assumed. */
export function emptyDraft(): SettingsDraft {
  const values = {} as FormValues
  for (const field of SETTINGS_FIELDS) values[field] = FIELD_KINDS[field].type === 'bool' ? false : ''
  return { included: new Set(), values }
}

export function withValue(draft: SettingsDraft, field: SettingsField, value: FormValue): SettingsDraft {
  return { ...draft, values: { ...draft.values, [field]: value } }
}

export function withIncluded(draft: SettingsDraft, field: SettingsField, included: boolean): SettingsDraft {
  const next = new Set(draft.included)
  if (included) next.add(field)
  else next.delete(field)
  return { ...draft, included: next }
}

/** The request body of the ticked settings (not yet checked). */
export function draftBody(draft: SettingsDraft): Record<string, unknown> {
  return Object.fromEntries(SETTINGS_FIELDS.filter((f) => draft.included.has(f)).map((f) => [f, requestValueOf(f, draft.values[f])]))
}

export type CheckedSettings = { ok: true; settings: UpdateSettingsRequest } | { ok: false; fields: SettingsField[] }

/** The ticked settings checked with the seed's rules: the body to send, or the settings at fault. */
export function checkDraft(draft: SettingsDraft): CheckedSettings {
  const parsed = updateSettingsRequestSchema.safeParse(draftBody(draft))
  if (parsed.success) return { ok: true, settings: parsed.data }
  const fields = new Set<SettingsField>()
  for (const issue of parsed.error.issues) fields.add(String(issue.path[0]) as SettingsField)
  return { ok: false, fields: [...fields] }
}
