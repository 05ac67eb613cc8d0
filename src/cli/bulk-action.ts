/**
 * `iproxy bulk ACTION ...`: the words on the command line turned into the bulk runner's action (shared/bulk.ts),
 * checked whole by its schema before the account is even opened, so a bad value is named (exit 2) and nothing is
 * sent. `--set key=value` values take the type of the setting they name: numbers, true/false, comma-separated
 * lists; the seed's rules for each field are the settings schema's.
 */
import type { z } from 'zod'
import { bulkActionSchema, type BulkAction } from '../shared/bulk'
import { COMMAND_ACTIONS, updateSettingsRequestSchema, type CommandAction } from '../shared/iproxy'
import { usageError } from './exit-codes'

/** The action names `iproxy bulk` takes besides the seed's commands. */
export const BULK_CLI_ACTIONS = ['change-ip-verify', 'settings', 'prolong', 'ovpn'] as const

export interface BulkActionFlags {
  enabled?: string
  set?: string[]
  days?: number
  out?: string
  timeout?: number
}

/** Which flag belongs to which action: a flag given to another action is a mistake worth naming. */
const OWN_FLAG: Record<keyof BulkActionFlags, { flag: string; action: string }> = {
  enabled: { flag: '--enabled', action: 'toggle_proxy' },
  set: { flag: '--set', action: 'settings' },
  days: { flag: '--days', action: 'prolong' },
  out: { flag: '--out', action: 'ovpn' },
  timeout: { flag: '--timeout', action: 'change-ip-verify' },
}

const isCommand = (name: string): name is CommandAction => (COMMAND_ACTIONS as readonly string[]).includes(name)

export function bulkActionFromArgs(name: string, flags: BulkActionFlags): BulkAction {
  const action = name === 'change_ip_verify' ? 'change-ip-verify' : name
  if (!isCommand(action) && !(BULK_CLI_ACTIONS as readonly string[]).includes(action)) {
    throw usageError(`"${name}" is not a bulk action. Actions: ${[...COMMAND_ACTIONS, ...BULK_CLI_ACTIONS].join(', ')}.`)
  }
  for (const [key, own] of Object.entries(OWN_FLAG) as Array<[keyof BulkActionFlags, (typeof OWN_FLAG)[keyof BulkActionFlags]]>) {
    if (flags[key] !== undefined && own.action !== action) throw usageError(`${own.flag} is only for "iproxy bulk ${own.action}".`)
  }
  let candidate: unknown
  if (isCommand(action)) {
    candidate = { kind: 'command', command: action, ...(flags.enabled === undefined ? {} : { enabled: flags.enabled === 'true' }) }
    if (action === 'toggle_proxy' && flags.enabled === undefined) throw usageError('toggle_proxy needs --enabled true or --enabled false.')
  } else if (action === 'change-ip-verify') {
    candidate = { kind: 'change_ip_verify', ...(flags.timeout === undefined ? {} : { timeoutSeconds: flags.timeout }) }
  } else if (action === 'settings') {
    candidate = { kind: 'settings', settings: settingsFromPairs(flags.set ?? []) }
  } else if (action === 'prolong') {
    if (flags.days === undefined) throw usageError('prolong needs --days N (a multiple of the plan\'s length, such as 30).')
    candidate = { kind: 'prolong', days: flags.days }
  } else {
    if (flags.out === undefined) throw usageError('ovpn needs --out DIR (an existing folder for the .ovpn files).')
    candidate = { kind: 'ovpn', dir: flags.out }
  }
  const parsed = bulkActionSchema.safeParse(candidate)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw usageError(`${flagOfIssue(issue?.path ?? [])}: ${issue?.message ?? 'is not valid'}.`)
}

/** The flag a schema issue is about, as the person typed it: `--set dns`, `--days`, `--out`, `--enabled`. */
function flagOfIssue(path: readonly PropertyKey[]): string {
  const [first, second] = path
  if (first === 'settings') return second === undefined ? '--set' : `--set ${String(second)}`
  if (first === 'days') return '--days'
  if (first === 'dir') return '--out'
  if (first === 'enabled') return '--enabled'
  if (first === 'timeoutSeconds') return '--timeout'
  return path.map(String).join('.') || 'the action'
}

const SETTINGS_SHAPE = updateSettingsRequestSchema.shape as Record<string, z.ZodType>
type FieldType = 'boolean' | 'number' | 'text' | 'numbers' | 'texts'

/** The type a setting's value takes, read from the settings schema itself (one place for the seed's fields). */
function fieldType(schema: z.ZodType): FieldType {
  let inner = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; element?: unknown } } }
  while (inner._zod.def.type === 'optional' || inner._zod.def.type === 'nullable') inner = inner._zod.def.innerType as typeof inner
  const type = inner._zod.def.type
  if (type === 'boolean') return 'boolean'
  if (type === 'number') return 'number'
  if (type === 'array') return fieldType(inner._zod.def.element as z.ZodType) === 'number' ? 'numbers' : 'texts'
  return 'text'
}

function typedValue(key: string, type: 'boolean' | 'number' | 'text', text: string): boolean | number | string {
  if (type === 'text') return text
  const value = text.trim()
  if (type === 'boolean') {
    if (value === 'true' || value === 'false') return value === 'true'
    throw usageError(`--set ${key}: must be true or false, not "${text}".`)
  }
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  throw usageError(`--set ${key}: must be a number, not "${text}".`)
}

/** `--set key=value` pairs → the settings object, each value typed by its field; an unknown key is named. */
export function settingsFromPairs(pairs: readonly string[]): Record<string, unknown> {
  if (pairs.length === 0) throw usageError('settings needs at least one --set key=value (e.g. --set ip_change_interval_minutes=30).')
  const settings: Record<string, unknown> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw usageError(`--set "${pair}": write key=value (e.g. --set ip_change_interval_minutes=30).`)
    const key = pair.slice(0, at).trim()
    const text = pair.slice(at + 1)
    const schema = SETTINGS_SHAPE[key]
    if (!schema) throw usageError(`--set ${key}: not a connection setting. Settings: ${Object.keys(SETTINGS_SHAPE).join(', ')}.`)
    if (key in settings) throw usageError(`--set ${key}: given twice.`)
    const type = fieldType(schema)
    if (type === 'numbers' || type === 'texts') {
      // An empty value is an empty list: it clears the setting (the seed's "an empty list clears it").
      const parts = text.trim() === '' ? [] : text.split(',').map((p) => p.trim())
      settings[key] = parts.map((p) => typedValue(key, type === 'numbers' ? 'number' : 'text', p))
    } else {
      settings[key] = typedValue(key, type, text)
    }
  }
  return settings
}

/** The action in a few words, for the confirmation and the summary: `reboot`, `settings dns=1.1.1.1`, ... */
export function describeBulkAction(action: BulkAction): string {
  switch (action.kind) {
    case 'command':
      return action.enabled === undefined ? action.command : `${action.command} (enabled: ${action.enabled})`
    case 'change_ip_verify':
      return 'change IP and verify it through a proxy'
    case 'settings':
      return `apply settings ${Object.entries(action.settings)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
        .join(' ')}`
    case 'prolong':
      return `prolong the plan by ${action.days} days (money is spent)`
    case 'ovpn':
      return `download the OpenVPN files into ${action.dir}`
  }
}

/** The action's short name, in JSON lines and the summary: the command, or change_ip_verify/settings/prolong/ovpn. */
export function bulkActionName(action: BulkAction): string {
  return action.kind === 'command' ? action.command : action.kind
}
