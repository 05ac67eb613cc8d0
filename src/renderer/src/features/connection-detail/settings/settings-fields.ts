/**
 * Every `update-settings` field, grouped as people think about them, with how each is edited and which rule
 * (and range, from the API docs) applies. Values are edited as text or booleans and turned into request values
 * here; the shared `updateSettingsRequestSchema` decides what is valid.
 */
import type { TFunction } from 'i18next'
import type { ConnectionSettings, SettingsField } from '../../../../../shared/iproxy'

export type FieldKind =
  | { type: 'bool' }
  | { type: 'int'; min: number; max: number }
  | { type: 'wholeNumber' }
  | { type: 'battery' }
  | { type: 'cron' }
  | { type: 'url' }
  | { type: 'ipList' }
  | { type: 'hours' }
  | { type: 'fingerprint' }

export const SETTINGS_GROUPS = [
  {
    id: 'rotation',
    fields: ['ip_change_enabled', 'ip_change_interval_minutes', 'ip_change_airplane_mode_time_seconds'],
  },
  {
    id: 'unique',
    fields: ['ip_change_wait_unique', 'ip_change_wait_unique_attempts', 'ip_change_wait_unique_lookbehind_minutes'],
  },
  {
    id: 'reboots',
    fields: [
      'reboot_cron_string', 'low_battery_reboot_threshold', 'no_network_reboot_timeout_seconds',
      'no_network_airplane_toggle_timeout_seconds', 'app_restart_interval_minutes', 'connection_refresh_interval_minutes',
    ],
  },
  { id: 'wifi', fields: ['no_wifi_inet_disable_wifi_timeout_seconds', 'no_wifi_connection_reboot_timeout_seconds'] },
  {
    id: 'notifications',
    fields: [
      'prolongation_enabled', 'tariff_notify_hours_before_expired', 'telegram_change_ip_notification_enabled',
      'telegram_status_notification_enabled',
    ],
  },
  { id: 'dns', fields: ['dns'] },
  { id: 'fingerprint', fields: ['tcp_fingerprint'] },
  { id: 'integrations', fields: ['macros_url'] },
] as const satisfies ReadonlyArray<{ id: string; fields: readonly SettingsField[] }>

export const FIELD_KINDS: Record<SettingsField, FieldKind> = {
  prolongation_enabled: { type: 'bool' },
  dns: { type: 'ipList' },
  telegram_change_ip_notification_enabled: { type: 'bool' },
  telegram_status_notification_enabled: { type: 'bool' },
  reboot_cron_string: { type: 'cron' },
  low_battery_reboot_threshold: { type: 'battery' },
  no_network_reboot_timeout_seconds: { type: 'int', min: 0, max: 3600 },
  ip_change_airplane_mode_time_seconds: { type: 'int', min: 0, max: 3600 },
  no_network_airplane_toggle_timeout_seconds: { type: 'int', min: 0, max: 3600 },
  tariff_notify_hours_before_expired: { type: 'hours' },
  no_wifi_inet_disable_wifi_timeout_seconds: { type: 'int', min: 0, max: 3600 },
  no_wifi_connection_reboot_timeout_seconds: { type: 'int', min: 0, max: 40320 },
  tcp_fingerprint: { type: 'fingerprint' },
  ip_change_wait_unique: { type: 'bool' },
  ip_change_wait_unique_attempts: { type: 'int', min: 0, max: 10 },
  ip_change_wait_unique_lookbehind_minutes: { type: 'int', min: 0, max: 64800 },
  ip_change_enabled: { type: 'bool' },
  ip_change_interval_minutes: { type: 'int', min: 0, max: 1439 },
  macros_url: { type: 'url' },
  app_restart_interval_minutes: { type: 'wholeNumber' },
  connection_refresh_interval_minutes: { type: 'wholeNumber' },
}

export const SETTINGS_FIELDS = Object.keys(FIELD_KINDS) as SettingsField[]

/** What the form holds for a field: the checkbox state, or the text in the box. */
export type FormValue = boolean | string
export type FormValues = Record<SettingsField, FormValue>

function splitList(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '')
}

const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()))

/** The form's view of the connection's current settings. */
export function formValuesOf(settings: ConnectionSettings): FormValues {
  const values = {} as FormValues
  for (const field of SETTINGS_FIELDS) {
    const current = (settings as Record<string, unknown>)[field]
    values[field] = typeof current === 'boolean' ? current : Array.isArray(current) ? current.join(', ') : String(current ?? '')
  }
  return values
}

/** The value a field's text stands for in the request (not yet validated). */
export function requestValueOf(field: SettingsField, value: FormValue): unknown {
  const kind = FIELD_KINDS[field]
  if (typeof value === 'boolean') return value
  switch (kind.type) {
    case 'int':
    case 'wholeNumber':
    case 'battery':
      return numberOf(value)
    case 'ipList':
      return splitList(value)
    case 'hours':
      return splitList(value).map(numberOf)
    case 'cron':
    case 'url':
      return value.trim()
    default:
      return value
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Only the fields whose value differs from the connection's current settings: all the request will carry. */
export function changedFields(settings: ConnectionSettings, values: FormValues): Partial<Record<SettingsField, unknown>> {
  const changed: Partial<Record<SettingsField, unknown>> = {}
  for (const field of SETTINGS_FIELDS) {
    const next = requestValueOf(field, values[field])
    if (!same(next, (settings as Record<string, unknown>)[field])) changed[field] = next
  }
  return changed
}

/** A setting's rule in the interface language: what the Settings tab and bulk "Apply settings" say of a bad value. */
export function settingRule(t: TFunction, field: SettingsField): string {
  const kind = FIELD_KINDS[field]
  switch (kind.type) {
    case 'int':
      return t('connectionDetail.rules.range', { min: kind.min, max: kind.max })
    case 'bool':
      return t('connectionDetail.rules.required')
    default:
      return t(`connectionDetail.rules.${kind.type}`)
  }
}
