/** What the bar hands the run dialog: the action (or what it still needs to ask) and the connections it is for. */
import type { BulkAction } from '../../../../shared/bulk'
import type { CommandAction } from '../../../../shared/iproxy'

/** A finished action, or one whose details the dialog asks first (on or off, the settings, the days). */
export type BulkChoice = { kind: 'ready'; action: BulkAction } | { kind: 'toggle' } | { kind: 'settings' } | { kind: 'prolong' }

/** The choice for a command from the bar or its menu (the proxy switch asks on or off). */
export const commandChoice = (command: CommandAction): BulkChoice =>
  command === 'toggle_proxy' ? { kind: 'toggle' } : { kind: 'ready', action: { kind: 'command', command } }

export interface BulkTarget {
  id: string
  name: string
}
