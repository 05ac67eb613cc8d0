/**
 * The example responses of the API docs (seeds/000_83bb22cd88235f54.txt), verbatim except where the docs' JSON is
 * malformed (missing commas, `]}` for `}]`, comments): there they are what the example clearly means.
 */

export const userInfo = {
  id: 'user_id',
  username: 'user_name',
  email: '[email protected]',
  balance: '15.89',
  display_name: 'John Doe',
  telegram: '@username',
  proxy_prefix: 'prefix',
}

export const updatedUserBasicInfo = { id: '<user ID>', display_name: 'John Doe', telegram: '@username', proxy_prefix: 'prefix' }

export const newApiKey = { api_key: '<new_api_key_hash>' }

export const createdConnection = {
  id: 'created_connection_id',
  country: 'server’s country code',
  city: 'server’s city',
  server_id: 'server_id',
}

export const settings = {
  prolongation_enabled: false,
  dns: [],
  telegram_change_ip_notification_enabled: false,
  telegram_status_notification_enabled: true,
  reboot_cron_string: '',
  low_battery_reboot_threshold: 0,
  no_network_reboot_timeout_seconds: 0,
  ip_change_airplane_mode_time_seconds: 0,
  no_network_airplane_toggle_timeout_seconds: 0,
  tariff_notify_hours_before_expired: [],
  no_wifi_inet_disable_wifi_timeout_seconds: 0,
  no_wifi_connection_reboot_timeout_seconds: 0,
  tcp_fingerprint: '',
  ip_change_wait_unique: false,
  ip_change_wait_unique_attempts: 0,
  ip_change_wait_unique_lookbehind_minutes: 0,
  ip_change_enabled: false,
  ip_change_interval_minutes: 0,
  macros_url: '',
  app_restart_interval_minutes: 0,
  connection_refresh_interval_minutes: 0,
}

export const connection = {
  id: '{conn_id}',
  basic_info: {
    name: 'online connection',
    description: 'connection_description (optional)',
    created_at: '2025-07-11T10:36:38.006Z',
    updated_at: '2025-07-11T10:58:51.42Z',
    server_geo: { country: 'pl', city: 'waw' },
    is_onboarding: false,
    user_id: 'myOrOwnerUserId',
    server_id: 'someServerId',
  },
  shared_users: [],
  plan_info: {
    active_plan: { id: 'nlUs1D8PKL', started_at: '2025-07-11T10:55:10.913Z', expires_at: '2025-08-10T10:55:10.913Z' },
  },
  settings,
  app_data: {
    device_info: {
      is_root: false,
      manufacturer: 'Samsung',
      model: 'SM-A236B',
      android_version: '14',
      system_fingerprint: '6e1334d2',
      system_device_id: '397ff68',
      voice_assist_configured: true,
      mobile_data_always_on: true,
      owner_mode_enabled: false,
    },
    app_id: 'com.iproxy.android',
    app_version: '574',
    app_version_patch: '1',
    build_number: '57401',
    agent_setup_complete: false,
    ready_to_change_ip: true,
    wifi_split_enabled: false,
    last_activity_at: '2025-07-11T10:58:51.417Z',
    installation_id: 'phone-9da94533-e175-42a5-bdcb-f80b4c621117',
  },
}

/** The second connection of the list example: no plan_info, no app_data, no user_id. */
export const justCreatedConnection = {
  id: '5ChcNy5QuK',
  basic_info: {
    name: 'just created connection',
    description: 'connection_description (optional)',
    created_at: '2025-07-11T10:55:15.22Z',
    updated_at: '2025-07-11T10:55:36.967Z',
    server_geo: { country: 'pl', city: 'waw' },
    is_onboarding: false,
    server_id: 'soMeId',
  },
  shared_users: [],
  settings: { ...settings, prolongation_enabled: true },
}

export const connectionList = { connections: [connection, justCreatedConnection] }

export const updatedConnectionBasicInfo = { id: 'connection_id', name: 'new_name', description: 'new_description' }

export const updateSettingsRequest = {
  prolongation_enabled: false,
  dns: ['1.1.1.1'],
  telegram_change_ip_notification_enabled: false,
  telegram_status_notification_enabled: true,
  reboot_cron_string: '30 */3 * * *',
  low_battery_reboot_threshold: 0,
  no_network_reboot_timeout_seconds: 0,
  ip_change_airplane_mode_time_seconds: 0,
  no_network_airplane_toggle_timeout_seconds: 0,
  tariff_notify_hours_before_expired: [2, 12, 48],
  no_wifi_inet_disable_wifi_timeout_seconds: 0,
  no_wifi_connection_reboot_timeout_seconds: 0,
  tcp_fingerprint: 'Win10' as const,
  ip_change_wait_unique: false,
  ip_change_wait_unique_attempts: 0,
  ip_change_wait_unique_lookbehind_minutes: 0,
  ip_change_enabled: false,
  ip_change_interval_minutes: 0,
  macros_url: 'https://example.com',
  app_restart_interval_minutes: 0,
  connection_refresh_interval_minutes: 0,
}

export const updatedSettings = { id: '{conn_id}', ...updateSettingsRequest }

const allPermissionsOff = {
  airplane_mode_time_edit: false, authorization_pin_create: false, battery_level_threshold: false,
  connection_change_tariff: false, connection_payment: false, connection_remove: false, description_edit: false,
  dns_setting: false, enable_unique_ip: false, find_device: false, fix_lte: false, ip_history_view: false,
  logs_download: false, macros_url: false, name_edit: false, open_vpn_create: false, open_vpn_view: false,
  open_vpn_edit: false, open_vpn_remove: false, pof_setting: false, no_network_reboot: false, proxy_create: false,
  proxy_edit: false, proxy_remove: false, proxy_view: false, reboot_device: false, repeating_ip_view: false,
  rotation_setting: false, scheduled_reboot: false, sms_control: false, tariff_statistic_view: false,
  no_network_airplane_toggle_time_edit: false, uptime_view: false, url_change_ip_create: false,
  url_change_ip_remove: false, team_members_edit: false, api_key_create: false, action_link_create: false,
  action_link_view: false, action_link_remove: false, basic_info_edit: false, settings_edit: false,
  connection_control: false,
}

/** The docs' address is obfuscated ("[email protected]"), which no server would accept in a request. */
export const modifyTeamAccessRequest = {
  email: 'teammate@example.com',
  permissions: { action_link_create: true, action_link_remove: true, airplane_mode_time_edit: true },
}

export const teamAccess = {
  email: '[email protected]',
  permissions: { ...allPermissionsOff, action_link_create: true, action_link_remove: true },
}

export const removedTeamAccess = { email: '[email protected]' }

export const changePlanRequest = {
  active_plan: { id: 'currentPlanID', started_at: '2025-07-13T01:00:00Z', expires_at: '2025-08-31T01:00:00Z' },
  plan_id: 'newPlanID',
  coupon_code: 'CODE',
}

export const changePlanResult = {
  active_plan: { id: 'newPlanID', started_at: '2025-07-13T01:00:00.00Z', expires_at: '2025-08-10T10:55:10.913Z' },
  coupon_code: 'CODE',
  is_coupon_applied: true,
}

export const prolongatePlanRequest = {
  active_plan: { id: 'BNyW1yBaln', started_at: '2025-07-13T05:01:37.192Z', expires_at: '2025-08-01T04:44:58Z' },
  coupon_code: 'CODE',
  days: 30,
}

export const prolongatePlanResult = {
  is_coupon_applied: true,
  active_plan: { id: 'BNyW1yBaln', started_at: '2025-07-13T04:45:03.26Z', expires_at: '2025-08-01T04:44:58Z' },
}

export const deletedConnection = { id: 'deleted_connection_id' }

export const smsHistory = {
  sms_messages: [
    { id: 'sms_id', message: 'Example message', from: 'Somebody', from_contact: 'Mike (may be empty)', created_at: '2025-06-01T04:24:48Z' },
  ],
}

export const commandSent = { message: 'reboot command has been sent' }

export const connectionStatuses = {
  connections: [
    { connection_id: '{conn_id}', online_status: 'online', last_online_status_update: '2025-07-11T10:58:51.42Z' },
  ],
}

export const pinCode = { pincode: '<generated pin>', expires_at: '2025-05-05T05:05:05Z' }

export const connectionApiKey = { api_key: 'new_connection_api_key' }

export const recreateConnectionRequest = {
  connection_id: 'oldConnId',
  name: 'new_connection_name',
  server_id: 'servers_id',
  description: 'new_connection_description',
  prolongation_enabled: true,
}

export const recreatedConnection = { id: 'new_connection_id' }

export const createdProxyAccess = {
  id: '2CiQPfoWcJ',
  connection_id: '2W1IlyssyF',
  description: 'new proxy description',
  listen_service: 'socks5',
  auth_type: 'userpass',
  auth: { login: 'username', password: 'superpassword' },
  ip: '1.2.3.4',
  port: 13874,
  hostname: 'x1.fxdx.in',
  password_updated_at: '2025-07-11T18:05:18.622Z',
}

export const updateProxyAccessRequest = {
  listen_service: 'http' as const,
  auth_type: 'userpass' as const,
  auth: { login: 'new_login', password: 'new_pass' },
  description: 'new description',
  acl_inbound_ips: [],
  expires_at: '0001-01-01T00:00:00Z',
}

export const updatedProxyAccess = {
  id: 'k31kcls',
  connection_id: 'ksdfmw343',
  description: 'new description',
  listen_service: 'http',
  auth_type: 'userpass',
  auth: { login: 'new_login', password: 'new_pass' },
  ip: '1.2.3.4',
  port: 13872,
  hostname: 'x1.fxdx.in',
  password_updated_at: '2025-07-11T16:55:21.37Z',
}

export const proxyAccessList = {
  proxy_accesses: [
    {
      id: '2CiQPfoWcJ', connection_id: '2W1IlyssyF', description: 'new proxy description', listen_service: 'socks5',
      auth_type: 'userpass', auth: { login: 'user', password: 'pass' }, ip: '1.2.3.4', port: 13874,
      hostname: 'x1.fxdx.in', password_updated_at: '2025-07-11T18:05:18.622Z',
    },
    {
      id: 'HjttgsJjG3', connection_id: '2W1IlyssyF', description: 'new description', listen_service: 'http',
      auth_type: 'userpass', auth: { login: 'new_login', password: 'new_pass' }, acl_inbound_policy: 'deny_except',
      acl_inbound_ips: ['1.2.3.4'], ip: '3.2.1.0', port: 13875, hostname: 'x1.fxdx.in',
      password_updated_at: '2025-07-11T18:07:35.919Z',
    },
  ],
}

export const deletedProxyAccess = { id: '4cbI8O21Rd' }

export const createdOvpnAccess = {
  status: 'active',
  name: 'new VPN name',
  description: 'new VPN description',
  expires_at: '2045-07-06T18:23:09.787673959Z',
  dns: [],
  id: '1InLOU8GWR',
  connection_id: '{conn_id}',
}

export const ovpnAccess = {
  name: 'VPN name',
  description: 'VPN description',
  status: 'active',
  dns: [],
  id: 'ovpn_id',
  connection_id: '{conn_id}',
  expires_at: '2026-01-01T01:01:01Z',
}

export const ovpnAccessList = { ovpn_accesses: [ovpnAccess] }

export const deletedOvpnAccess = { id: 'ovpn_id' }

export const trafficByDay = {
  total_in_bytes: 1300000,
  total_out_bytes: 1000000,
  daily_stats: [{ date: '2025-03-31T00:00:00Z', in_bytes: 1000, out_bytes: 1000 }],
}

export const trafficByHourPort = {
  port_stats: [
    {
      port: '20314',
      total_in_bytes: 1300000,
      total_out_bytes: 1000000,
      hourly_stats: [{ date: '2025-03-01T14:00:00Z', in_bytes: 1000, out_bytes: 1000 }],
    },
  ],
}

export const uptime = { uptime: [{ date: '2025-03-01T14:00:00Z', status: 'UP' }] }

export const ipHistory = { ip_history: [{ date: '2025-03-01T14:00:00Z', ipv4: '127.0.0.1', ipv6: '::1' }] }

export const createdActionLink = { id: 'xyzXYZ' }

export const actionLinkList = {
  action_links: [
    {
      id: 'xyzXYZ',
      link: 'https://i.fxdx.in/actionlinks/do/reboot/xyzXYZ',
      action: 'reboot',
      connection_id: 'abcdABCD',
      comment: 'link for client AAAA',
      created_at: '2025-03-19T13:06:30Z',
    },
  ],
}

export const deletedActionLink = { id: 'xyzXYZ' }

export const actionLinkExecuted = { message: 'reboot command has been sent' }
