/**
 * The simulated account: everything the Console API can read or change, held in memory. Records use the
 * simulator's own camelCase shape; the `toApi*` functions next to each family turn them into the documented JSON.
 * One `SimState` per simulator; it knows nothing about HTTP.
 */
import type { Carrier } from '../geo'
import type { OnlineStatus, SmsMessage } from '../../../shared/iproxy'

export interface SimAccount {
  id: string
  username: string
  email: string
  /** Cents, so that debits never drift; reported as "15.89". */
  balanceCents: number
  displayName?: string
  telegram?: string
  proxyPrefix?: string
  apiKey: string
}

export interface SimDevice {
  manufacturer: string
  model: string
  androidVersion: string
  systemFingerprint: string
  systemDeviceId: string
  installationId: string
  appVersion: string
  buildNumber: string
  isRoot: boolean
}

export interface SimPlan {
  id: string
  /** The catalog plan it was bought as (its length and price). */
  catalogId: string
  days: number
  priceCents: number
  startedAt: number
  expiresAt: number
}

export interface IpChange {
  at: number
  ipv4: string
  ipv6?: string
}

/** The connection settings exactly as the API names them. */
export interface ConnectionSettings {
  prolongation_enabled: boolean
  dns: string[]
  telegram_change_ip_notification_enabled: boolean
  telegram_status_notification_enabled: boolean
  reboot_cron_string: string
  low_battery_reboot_threshold: number
  no_network_reboot_timeout_seconds: number
  ip_change_airplane_mode_time_seconds: number
  no_network_airplane_toggle_timeout_seconds: number
  tariff_notify_hours_before_expired: number[]
  no_wifi_inet_disable_wifi_timeout_seconds: number
  no_wifi_connection_reboot_timeout_seconds: number
  tcp_fingerprint: string
  ip_change_wait_unique: boolean
  ip_change_wait_unique_attempts: number
  ip_change_wait_unique_lookbehind_minutes: number
  ip_change_enabled: boolean
  ip_change_interval_minutes: number
  macros_url: string
  app_restart_interval_minutes: number
  connection_refresh_interval_minutes: number
}

export interface SimConnection {
  id: string
  name: string
  description?: string
  createdAt: number
  updatedAt: number
  country: string
  city: string
  serverId: string
  isOnboarding: boolean
  /** Absent until a phone has reported in, like the docs' "just created connection". */
  device?: SimDevice
  plan?: SimPlan
  settings: ConnectionSettings
  /** email -> permissions */
  sharedUsers: Map<string, Record<string, boolean>>
  status: OnlineStatus
  statusChangedAt: number
  /**
   * Set by the control surface (control.ts): the status is held there, whatever reboots or the demo's outages
   * would do, until released; `previous` is what it goes back to.
   */
  held?: { previous: OnlineStatus }
  proxyEnabled: boolean
  carrier: Carrier
  /** Generated history (IPs, traffic, uptime) covers [createdAt, historyUntil); live changes follow. */
  historyUntil: number
  /** How often the generated history rotates the IP. */
  rotationMinutes: number
  /** Typical inbound bytes per online hour. */
  trafficPerHour: number
  /** Share of past hours the phone was down. */
  downRate: number
  /** Changes made while the simulator runs (changeip, reboots), oldest first. */
  ipChanges: IpChange[]
  /** Current exit; absent without a phone. */
  ip?: { ipv4: string; ipv6?: string }
  apiKey: string
}

export interface SimProxy {
  id: string
  connectionId: string
  description: string
  listenService: 'http' | 'socks5'
  authType: 'userpass' | 'noauth'
  login?: string
  password?: string
  aclIps: string[]
  /** RFC 3339, as sent; absent when the access never expires. */
  expiresAt?: string
  port: number
  /** Whether a real listener serves it (scale mode leaves generated accesses unbound until asked). */
  bound: boolean
  passwordUpdatedAt: number
  createdAt: number
}

export interface SimVpn {
  id: string
  connectionId: string
  name: string
  description?: string
  status: string
  expiresAt?: string
  createdAt: number
}

export interface SimActionLink {
  id: string
  connectionId: string
  action: 'reboot' | 'changeip'
  comment?: string
  createdAt: number
}

export interface SimState {
  account: SimAccount
  connections: Map<string, SimConnection>
  proxies: Map<string, SimProxy>
  vpns: Map<string, SimVpn>
  actionLinks: Map<string, SimActionLink>
  /** Newest first, at most SMS_HISTORY_LIMIT per connection. */
  sms: Map<string, SmsMessage[]>
  now: () => number
}

export function createState(account: SimAccount, now: () => number = Date.now): SimState {
  return {
    account,
    connections: new Map(),
    proxies: new Map(),
    vpns: new Map(),
    actionLinks: new Map(),
    sms: new Map(),
    now,
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}
