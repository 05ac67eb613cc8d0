/**
 * Connections (the phones) and everything done to one as a whole, as zod schemas: `client.connections` in
 * main/iproxy/resources/connections.ts.
 */
import { z } from 'zod'
import { describeCronProblem, isHttpUrl } from '../validators'
import { basicInfoText, ipAddress, LIMITS, listOf, listUpTo, nonEmptyId, openEnum, optionalText, rfc3339, textUpTo, wholeNumberAtLeastZero, wholeNumberIn } from './common'

export const TCP_FINGERPRINTS = [
  'none', 'WinXP', 'Win78', 'Win10', 'WinNT', 'Nintendo', 'FreeBSD', 'FreeBSD9', 'MacOS', 'iOS',
] as const
export type TcpFingerprint = (typeof TCP_FINGERPRINTS)[number]

export const COMMAND_ACTIONS = [
  'refresh_fingerprint', 'refresh', 'reboot', 'changeip', 'fix_lte',
  'toggle_proxy', 'find_my_device', 'debug_report', 'upgrade_app', 'speed_test',
] as const
export type CommandAction = (typeof COMMAND_ACTIONS)[number]

/** The reasons the delete form offers; the API also accepts any other non-empty text. */
export const DELETE_REASONS = ['does_not_need', 'short_period', 'switch_server', 'technical_issues', 'mistake'] as const
export type DeleteReason = (typeof DELETE_REASONS)[number]
export const DELETE_REASON_DESCRIPTIONS: Record<DeleteReason, string> = {
  does_not_need: 'No longer needed',
  short_period: 'Used only for a short period',
  switch_server: 'Switching to another server',
  technical_issues: 'Technical problems',
  mistake: 'Connection was created by mistake',
}

export const TEAM_PERMISSIONS = [
  'airplane_mode_time_edit', 'authorization_pin_create', 'battery_level_threshold', 'connection_change_tariff',
  'connection_payment', 'connection_remove', 'description_edit', 'dns_setting', 'enable_unique_ip', 'find_device',
  'fix_lte', 'ip_history_view', 'logs_download', 'macros_url', 'name_edit', 'open_vpn_create', 'open_vpn_view',
  'open_vpn_edit', 'open_vpn_remove', 'pof_setting', 'no_network_reboot', 'proxy_create', 'proxy_edit',
  'proxy_remove', 'proxy_view', 'reboot_device', 'repeating_ip_view', 'rotation_setting', 'scheduled_reboot',
  'sms_control', 'tariff_statistic_view', 'no_network_airplane_toggle_time_edit', 'uptime_view',
  'url_change_ip_create', 'url_change_ip_remove', 'team_members_edit', 'api_key_create', 'action_link_create',
  'action_link_view', 'action_link_remove', 'basic_info_edit', 'settings_edit', 'connection_control',
] as const
export type TeamPermission = (typeof TEAM_PERMISSIONS)[number]

/** `offline` and `nodata` currently mean the same thing, per the docs. */
export const ONLINE_STATUSES = ['online', 'offline', 'nodata', 'flapping'] as const
export type OnlineStatus = (typeof ONLINE_STATUSES)[number]

export const activePlanSchema = z.looseObject({
  id: z.string(),
  started_at: z.string(),
  expires_at: z.string(),
})
export type ActivePlan = z.output<typeof activePlanSchema>

export const connectionSettingsSchema = z.looseObject({
  prolongation_enabled: z.boolean(),
  dns: listOf(z.string()),
  telegram_change_ip_notification_enabled: z.boolean(),
  telegram_status_notification_enabled: z.boolean(),
  reboot_cron_string: z.string(),
  low_battery_reboot_threshold: z.number(),
  no_network_reboot_timeout_seconds: z.number(),
  ip_change_airplane_mode_time_seconds: z.number(),
  no_network_airplane_toggle_timeout_seconds: z.number(),
  tariff_notify_hours_before_expired: listOf(z.number()),
  no_wifi_inet_disable_wifi_timeout_seconds: z.number(),
  no_wifi_connection_reboot_timeout_seconds: z.number(),
  /** Empty when none is set (the docs' example). */
  tcp_fingerprint: openEnum(['', ...TCP_FINGERPRINTS]),
  ip_change_wait_unique: z.boolean(),
  ip_change_wait_unique_attempts: z.number(),
  ip_change_wait_unique_lookbehind_minutes: z.number(),
  ip_change_enabled: z.boolean(),
  ip_change_interval_minutes: z.number(),
  macros_url: z.string(),
  app_restart_interval_minutes: z.number(),
  connection_refresh_interval_minutes: z.number(),
})
export type ConnectionSettings = z.output<typeof connectionSettingsSchema>

export const connectionSchema = z.looseObject({
  id: z.string(),
  basic_info: z.looseObject({
    name: z.string(),
    description: optionalText,
    created_at: z.string(),
    updated_at: z.string(),
    server_geo: z.looseObject({ country: z.string(), city: z.string() }).optional(),
    is_onboarding: z.boolean().optional(),
    /** Absent on connections the user owns in some answers; another user's id on shared ones. */
    user_id: optionalText,
    server_id: optionalText,
  }),
  /** The docs only ever show `[]`, so the entries' shape is not known. */
  shared_users: listOf(z.unknown()),
  /** Absent while the connection has no active plan. */
  plan_info: z.looseObject({ active_plan: activePlanSchema.optional() }).optional(),
  settings: connectionSettingsSchema,
  /** Absent until the phone app has reported in. */
  app_data: z.looseObject({
    device_info: z.looseObject({
      is_root: z.boolean().optional(),
      manufacturer: optionalText,
      model: optionalText,
      android_version: optionalText,
      system_fingerprint: optionalText,
      system_device_id: optionalText,
      voice_assist_configured: z.boolean().optional(),
      mobile_data_always_on: z.boolean().optional(),
      owner_mode_enabled: z.boolean().optional(),
    }).optional(),
    app_id: optionalText,
    app_version: optionalText,
    app_version_patch: optionalText,
    build_number: optionalText,
    agent_setup_complete: z.boolean().optional(),
    ready_to_change_ip: z.boolean().optional(),
    wifi_split_enabled: z.boolean().optional(),
    last_activity_at: optionalText,
    installation_id: optionalText,
  }).optional(),
})
export type Connection = z.output<typeof connectionSchema>
export type ConnectionBasicInfo = Connection['basic_info']
export type ConnectionAppData = NonNullable<Connection['app_data']>

export const connectionListResponseSchema = z.looseObject({ connections: listOf(connectionSchema) })

export const createConnectionRequestSchema = z.strictObject({
  name: basicInfoText,
  description: basicInfoText.optional(),
  prolongation_enabled: z.boolean().optional(),
  country: z.string().max(2, 'must be a 2-letter country code such as us').regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code such as us').optional(),
  city: textUpTo(LIMITS.freeText).min(1, 'must not be empty').optional(),
  /** Only for VIP servers; mutually exclusive with country + city. */
  server_id: nonEmptyId.optional(),
}).superRefine((body, ctx) => {
  const hasGeo = body.country !== undefined || body.city !== undefined
  if (body.server_id !== undefined && hasGeo) {
    ctx.addIssue({ code: 'custom', path: ['server_id'], params: { id: 'server_or_location' }, message: 'is mutually exclusive with country and city: send one or the other' })
  } else if (body.server_id === undefined && body.country === undefined) {
    ctx.addIssue({ code: 'custom', path: ['country'], params: { id: 'country_with_city' }, message: 'is required together with city (or send server_id for a VIP server)' })
  } else if (body.server_id === undefined && body.city === undefined) {
    ctx.addIssue({ code: 'custom', path: ['city'], params: { id: 'city_with_country' }, message: 'is required together with country' })
  }
})
export type CreateConnectionRequest = z.input<typeof createConnectionRequestSchema>

export const createdConnectionSchema = z.looseObject({
  id: z.string(),
  country: optionalText,
  city: optionalText,
  server_id: optionalText,
})
export type CreatedConnection = z.output<typeof createdConnectionSchema>

export const updateConnectionBasicInfoRequestSchema = z.strictObject({
  name: basicInfoText.optional(),
  description: basicInfoText.optional(),
})
export type UpdateConnectionBasicInfoRequest = z.input<typeof updateConnectionBasicInfoRequestSchema>

export const connectionBasicInfoUpdateSchema = z.looseObject({ id: z.string(), name: z.string(), description: optionalText })
export type ConnectionBasicInfoUpdate = z.output<typeof connectionBasicInfoUpdateSchema>

export const updateSettingsRequestSchema = z.strictObject({
  prolongation_enabled: z.boolean().optional(),
  dns: listUpTo(ipAddress, LIMITS.dnsServers, 'DNS servers').optional(),
  telegram_change_ip_notification_enabled: z.boolean().optional(),
  telegram_status_notification_enabled: z.boolean().optional(),
  reboot_cron_string: textUpTo(LIMITS.freeText).superRefine((value, ctx) => {
    const problem = value === '' ? undefined : describeCronProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', params: { id: 'cron' }, message: `must be a 5-field cron expression or empty to disable: ${problem}` })
  }).optional(),
  low_battery_reboot_threshold: z.number('must be a number from 0 to 95 (0 disables)')
    .min(0, 'must be a number from 0 to 95 (0 disables)').max(95, 'must be a number from 0 to 95 (0 disables)').optional(),
  no_network_reboot_timeout_seconds: wholeNumberIn(0, 3600, 'seconds').optional(),
  ip_change_airplane_mode_time_seconds: wholeNumberIn(0, 3600, 'seconds').optional(),
  no_network_airplane_toggle_timeout_seconds: wholeNumberIn(0, 3600, 'seconds').optional(),
  tariff_notify_hours_before_expired: listUpTo(wholeNumberAtLeastZero, LIMITS.reminders, 'reminders').optional(),
  no_wifi_inet_disable_wifi_timeout_seconds: wholeNumberIn(0, 3600, 'seconds').optional(),
  no_wifi_connection_reboot_timeout_seconds: wholeNumberIn(0, 40320, 'seconds').optional(),
  tcp_fingerprint: z.enum(['', ...TCP_FINGERPRINTS], `must be one of ${TCP_FINGERPRINTS.join(', ')}, or empty to disable`).optional(),
  ip_change_wait_unique: z.boolean().optional(),
  ip_change_wait_unique_attempts: wholeNumberIn(0, 10, '').optional(),
  ip_change_wait_unique_lookbehind_minutes: wholeNumberIn(0, 64800, 'minutes').optional(),
  ip_change_enabled: z.boolean().optional(),
  ip_change_interval_minutes: wholeNumberIn(0, 1439, 'minutes').optional(),
  macros_url: textUpTo(LIMITS.url).refine((v) => v === '' || isHttpUrl(v), { message: 'must be a valid http(s) URL, or empty to disable', params: { id: 'http_url' } }).optional(),
  app_restart_interval_minutes: wholeNumberAtLeastZero.optional(),
  connection_refresh_interval_minutes: wholeNumberAtLeastZero.optional(),
})
export type UpdateSettingsRequest = z.input<typeof updateSettingsRequestSchema>
export type SettingsField = keyof UpdateSettingsRequest

/** One line per settings field, from the docs' table, for labels and tooltips. */
export const SETTINGS_FIELD_DESCRIPTIONS: Record<SettingsField, string> = {
  prolongation_enabled: 'Enables automatic prolongation payments.',
  dns: 'Sets Global DNS. Each entry must be an IP address; an empty list clears it.',
  telegram_change_ip_notification_enabled: 'Sends Telegram alerts when the external IP changes.',
  telegram_status_notification_enabled: 'Sends Telegram alerts for status changes.',
  reboot_cron_string: 'Enables scheduled reboots (cron expression; empty disables).',
  low_battery_reboot_threshold: 'Reboots the device if the battery level drops below this percentage (0–95; 0 disables).',
  no_network_reboot_timeout_seconds: 'Reboots the device if proxies are disconnected for this long (0–3600 s; 0 disables).',
  ip_change_airplane_mode_time_seconds: 'Minimum time in Airplane Mode to change IP (0–3600 s; 0 disables).',
  no_network_airplane_toggle_timeout_seconds: 'Toggles Airplane Mode if the mobile network is idle for longer than this (0–3600 s; 0 disables).',
  tariff_notify_hours_before_expired: 'Payment notifications, hours before the plan expires (an empty list clears them).',
  no_wifi_inet_disable_wifi_timeout_seconds: 'Disables Wi-Fi if no internet is detected over Wi-Fi for this long (0–3600 s; 0 disables).',
  no_wifi_connection_reboot_timeout_seconds: 'Automatic Wi-Fi reconnection after this timeout (0–40320 s, up to 7 days; 0 disables).',
  tcp_fingerprint: 'Sets the device fingerprint (empty disables).',
  ip_change_wait_unique: 'Enables unique IP assignment based on history.',
  ip_change_wait_unique_attempts: 'Maximum number of attempts to acquire a unique IP (0–10; 0 disables).',
  ip_change_wait_unique_lookbehind_minutes: 'IP history time window for uniqueness (0–64800 min, up to 45 days; 0 disables).',
  ip_change_enabled: 'Master switch for the IP change engine.',
  ip_change_interval_minutes: 'Minimum time between IP changes (0–1439 min, up to 24 h; 0 disables).',
  macros_url: 'Webhook URL for MacroDroid integration (empty disables).',
  app_restart_interval_minutes: 'Interval in minutes for automatic app restarts.',
  connection_refresh_interval_minutes: 'Forces a connection refresh after this many minutes.',
}

export const updatedSettingsSchema = connectionSettingsSchema.extend({ id: z.string() })
export type UpdatedSettings = z.output<typeof updatedSettingsSchema>

const teamPermissionsShape = Object.fromEntries(TEAM_PERMISSIONS.map((p) => [p, z.boolean().optional()])) as {
  [K in TeamPermission]: z.ZodOptional<z.ZodBoolean>
}
// 254 characters: the longest address SMTP can carry (RFC 5321's path limit less the angle brackets).
const email = z.email('must be an email address').max(254, 'must be at most 254 characters')

export const modifyTeamAccessRequestSchema = z.strictObject({
  email,
  permissions: z.strictObject(teamPermissionsShape),
})
export type ModifyTeamAccessRequest = z.input<typeof modifyTeamAccessRequestSchema>

export const teamAccessSchema = z.looseObject({ email: z.string(), permissions: z.record(z.string(), z.boolean()) })
export type TeamAccess = z.output<typeof teamAccessSchema>

export const removeTeamAccessRequestSchema = z.strictObject({ email })
export type RemoveTeamAccessRequest = z.input<typeof removeTeamAccessRequestSchema>
export const removedTeamAccessSchema = z.looseObject({ email: z.string() })
export type RemovedTeamAccess = z.output<typeof removedTeamAccessSchema>

/** The plan as the client last saw it; the server uses it to refuse changes based on a stale view. */
const activePlanRequestSchema = z.strictObject({ id: nonEmptyId, started_at: rfc3339, expires_at: rfc3339 })

export const changePlanRequestSchema = z.strictObject({
  active_plan: activePlanRequestSchema,
  plan_id: nonEmptyId,
  coupon_code: textUpTo(LIMITS.freeText).min(1, 'must not be empty').optional(),
})
export type ChangePlanRequest = z.input<typeof changePlanRequestSchema>

export const planChangeResultSchema = z.looseObject({
  active_plan: activePlanSchema,
  coupon_code: optionalText,
  is_coupon_applied: z.boolean().optional(),
})
export type PlanChangeResult = z.output<typeof planChangeResultSchema>

export const prolongatePlanRequestSchema = z.strictObject({
  active_plan: activePlanRequestSchema,
  coupon_code: textUpTo(LIMITS.freeText).min(1, 'must not be empty').optional(),
  /** Must also be a multiple of the current plan's days (30, 60, 90…); only the server knows that length. */
  days: z.number('must be a positive whole number of days').int('must be a positive whole number of days')
    .min(1, 'must be a positive whole number of days'),
})
export type ProlongatePlanRequest = z.input<typeof prolongatePlanRequestSchema>

export const deleteConnectionRequestSchema = z.strictObject({
  /** One of DELETE_REASONS, or any other non-empty text. */
  reason: z.string().trim().min(1, 'must not be empty: pick a reason or describe it').max(LIMITS.freeText, `must be at most ${LIMITS.freeText} characters`),
})
export type DeleteConnectionRequest = z.input<typeof deleteConnectionRequestSchema>

export const recreateConnectionRequestSchema = z.strictObject({
  connection_id: nonEmptyId,
  name: basicInfoText,
  server_id: nonEmptyId,
  description: basicInfoText.optional(),
  prolongation_enabled: z.boolean().optional(),
})
export type RecreateConnectionRequest = z.input<typeof recreateConnectionRequestSchema>
export const recreatedConnectionSchema = z.looseObject({ id: z.string() })
export type RecreatedConnection = z.output<typeof recreatedConnectionSchema>

export const smsMessageSchema = z.looseObject({
  id: z.string(),
  message: z.string(),
  from: z.string(),
  from_contact: optionalText,
  created_at: z.string(),
})
export type SmsMessage = z.output<typeof smsMessageSchema>
export const smsHistoryResponseSchema = z.looseObject({ sms_messages: listOf(smsMessageSchema) })

const SIMPLE_COMMANDS = COMMAND_ACTIONS.filter((a): a is Exclude<CommandAction, 'toggle_proxy'> => a !== 'toggle_proxy')
export const commandPushRequestSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('toggle_proxy'),
    toggle_proxy_params: z.strictObject({ enabled: z.boolean('must be true or false') }, {
      error: (issue) => (issue.code === 'invalid_type' ? 'is required for toggle_proxy: { enabled: boolean }' : undefined),
    }),
  }),
  // Other commands take no documented parameters: the seed's `"<command_name>_params": {}` is accepted empty, and
  // nothing else rides along (an unknown field is an error, not something sent to iProxy unseen).
  ...SIMPLE_COMMANDS.map((action) =>
    z.strictObject({ action: z.literal(action), [`${action}_params`]: z.strictObject({}).optional() }),
  ),
], { error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${COMMAND_ACTIONS.join(', ')}` : undefined) })
export type CommandPushRequest = z.input<typeof commandPushRequestSchema>

export const connectionStatusSchema = z.looseObject({
  connection_id: z.string(),
  online_status: openEnum(ONLINE_STATUSES),
  /** Absent while the status is `nodata`. */
  last_online_status_update: optionalText,
})
export type ConnectionStatus = z.output<typeof connectionStatusSchema>
export const connectionStatusListResponseSchema = z.looseObject({ connections: listOf(connectionStatusSchema) })

export const pinCodeSchema = z.looseObject({ pincode: z.string(), expires_at: z.string() })
export type PinCode = z.output<typeof pinCodeSchema>
