/** TEAM_PERMISSIONS grouped by what they let a person do; any permission no group names lands in "other". */
import { TEAM_PERMISSIONS } from '../../../../../shared/iproxy'
import type { TeamPermission } from '../../../../../shared/iproxy'

const GROUPED = {
  proxies: ['proxy_view', 'proxy_create', 'proxy_edit', 'proxy_remove'],
  vpn: ['open_vpn_view', 'open_vpn_create', 'open_vpn_edit', 'open_vpn_remove'],
  actionLinks: ['action_link_view', 'action_link_create', 'action_link_remove', 'url_change_ip_create', 'url_change_ip_remove'],
  device: [
    'connection_control', 'reboot_device', 'scheduled_reboot', 'no_network_reboot', 'battery_level_threshold', 'find_device',
    'fix_lte', 'sms_control', 'logs_download',
  ],
  ip: [
    'rotation_setting', 'enable_unique_ip', 'airplane_mode_time_edit', 'no_network_airplane_toggle_time_edit', 'ip_history_view',
    'repeating_ip_view',
  ],
  settings: ['settings_edit', 'basic_info_edit', 'name_edit', 'description_edit', 'dns_setting', 'pof_setting', 'macros_url'],
  billing: ['connection_change_tariff', 'connection_payment', 'tariff_statistic_view', 'uptime_view', 'connection_remove'],
  team: ['team_members_edit', 'authorization_pin_create', 'api_key_create'],
} as const satisfies Record<string, readonly TeamPermission[]>

export type PermissionGroupId = keyof typeof GROUPED | 'other'

const named = new Set<string>(Object.values(GROUPED).flat())
const other = TEAM_PERMISSIONS.filter((p) => !named.has(p))

export const PERMISSION_GROUPS: ReadonlyArray<{ id: PermissionGroupId; permissions: readonly TeamPermission[] }> = [
  ...Object.entries(GROUPED).map(([id, permissions]) => ({ id: id as PermissionGroupId, permissions })),
  ...(other.length > 0 ? [{ id: 'other' as const, permissions: other }] : []),
]

export type Permissions = Record<TeamPermission, boolean>

export function noPermissions(): Permissions {
  return Object.fromEntries(TEAM_PERMISSIONS.map((p) => [p, false])) as Permissions
}

/** A team member as `shared_users` lists them (the docs leave the entries' shape open, so read it defensively). */
export interface Member {
  email: string
  permissions: Permissions
}

export function membersOf(sharedUsers: readonly unknown[]): Member[] {
  const members: Member[] = []
  for (const entry of sharedUsers) {
    if (typeof entry !== 'object' || entry === null) continue
    const { email, permissions } = entry as { email?: unknown; permissions?: unknown }
    if (typeof email !== 'string') continue
    const granted = noPermissions()
    if (typeof permissions === 'object' && permissions !== null) {
      for (const p of TEAM_PERMISSIONS) granted[p] = (permissions as Record<string, unknown>)[p] === true
    }
    members.push({ email, permissions: granted })
  }
  return members
}
