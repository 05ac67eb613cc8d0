/**
 * Connections (phones): creation, the documented JSON, basic info and settings, status, IP changes and reboots,
 * deletion (refused while a plan is active) and recreation.
 */
import { randomInt } from 'node:crypto'
import type {
  CommandPushRequest,
  CreateConnectionRequest,
  RecreateConnectionRequest,
  UpdateConnectionBasicInfoRequest,
  UpdateSettingsRequest,
} from '../../../shared/iproxy'
import { cityName, countryFor, mobileIpv4, mobileIpv6 } from '../geo'
import { createPrng, randomId, randomText } from '../prng'
import { ApiError, notFound } from '../routes/router'
import type { SimRuntime } from '../runtime'
import { closeProxiesOf } from './proxies'
import type { ConnectionSettings, SimConnection, SimState } from './store'
import { iso } from './store'

export const DEFAULT_SETTINGS: ConnectionSettings = {
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

export function freshSettings(overrides: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return { ...DEFAULT_SETTINGS, dns: [], tariff_notify_hours_before_expired: [], ...overrides }
}

export function getConnection(state: SimState, id: string): SimConnection {
  const conn = state.connections.get(id)
  if (!conn) throw notFound('connection', id)
  return conn
}

export function hasActivePlan(conn: SimConnection, now: number): boolean {
  return conn.plan !== undefined && conn.plan.expiresAt > now
}

function settingsJson(settings: ConnectionSettings) {
  return { ...settings, dns: [...settings.dns], tariff_notify_hours_before_expired: [...settings.tariff_notify_hours_before_expired] }
}

/** The documented connection object (GET /connections/{id} and each item of the list). */
export function toApiConnection(conn: SimConnection, state: SimState) {
  const now = state.now()
  const basicInfo: Record<string, unknown> = { name: conn.name }
  if (conn.description !== undefined) basicInfo.description = conn.description
  Object.assign(basicInfo, {
    created_at: iso(conn.createdAt),
    updated_at: iso(conn.updatedAt),
    server_geo: { country: conn.country, city: conn.city },
    is_onboarding: conn.isOnboarding,
  })
  // The docs' "just created connection" has no user_id: it is set once a phone is attached.
  if (conn.device) basicInfo.user_id = state.account.id
  basicInfo.server_id = conn.serverId

  const json: Record<string, unknown> = {
    id: conn.id,
    basic_info: basicInfo,
    shared_users: [...conn.sharedUsers].map(([email, permissions]) => ({ email, permissions: { ...permissions } })),
  }
  if (conn.plan) {
    json.plan_info = { active_plan: { id: conn.plan.id, started_at: iso(conn.plan.startedAt), expires_at: iso(conn.plan.expiresAt) } }
  }
  json.settings = settingsJson(conn.settings)
  const d = conn.device
  if (d) {
    const online = conn.status === 'online' || conn.status === 'flapping'
    json.app_data = {
      device_info: {
        is_root: d.isRoot,
        manufacturer: d.manufacturer,
        model: d.model,
        android_version: d.androidVersion,
        system_fingerprint: d.systemFingerprint,
        system_device_id: d.systemDeviceId,
        voice_assist_configured: true,
        mobile_data_always_on: true,
        owner_mode_enabled: false,
      },
      app_id: 'com.iproxy.android',
      app_version: d.appVersion,
      app_version_patch: '1',
      build_number: d.buildNumber,
      agent_setup_complete: true,
      ready_to_change_ip: conn.status === 'online',
      wifi_split_enabled: false,
      // A phone that is up reports in every few seconds; one that is down last did so when it went down.
      last_activity_at: iso(online ? now - 3_000 : conn.statusChangedAt),
      installation_id: d.installationId,
    }
  }
  return json
}

export function toApiStatus(conn: SimConnection) {
  if (conn.status === 'nodata') return { connection_id: conn.id, online_status: conn.status }
  return { connection_id: conn.id, online_status: conn.status, last_online_status_update: iso(conn.statusChangedAt) }
}

export interface NewConnectionInput {
  id?: string
  name: string
  description?: string
  country: string
  city: string
  serverId?: string
  prolongationEnabled?: boolean
  createdAt: number
}

/** A connection with no phone yet and no plan: what POST /connections makes. */
export function blankConnection(input: NewConnectionInput): SimConnection {
  const country = input.country.toLowerCase()
  const city = input.city.toLowerCase()
  return {
    id: input.id ?? randomId(),
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    country,
    city,
    serverId: input.serverId ?? `${country}-${city}-${randomText(4, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
    isOnboarding: false,
    settings: freshSettings({ prolongation_enabled: input.prolongationEnabled ?? false }),
    sharedUsers: new Map(),
    status: 'nodata',
    statusChangedAt: input.createdAt,
    proxyEnabled: true,
    carrier: countryFor(country).carriers[0] as SimConnection['carrier'],
    historyUntil: input.createdAt,
    rotationMinutes: 240,
    trafficPerHour: 0,
    downRate: 0,
    ipChanges: [],
    apiKey: randomText(32),
  }
}

/** VIP server ids look like `vip-de-fra-1`; geography is read back from them when it can be. */
function geoOfServer(serverId: string): { country: string; city: string } | undefined {
  const m = /^(?:vip-)?([a-z]{2})-([a-z]{3})\b/i.exec(serverId)
  return m ? { country: (m[1] as string).toLowerCase(), city: (m[2] as string).toLowerCase() } : undefined
}

export function createConnection(state: SimState, body: CreateConnectionRequest) {
  const geo = body.server_id !== undefined
    ? (geoOfServer(body.server_id) ?? { country: 'de', city: 'fra' })
    : { country: body.country ?? '', city: body.city ?? '' }
  const conn = blankConnection({
    name: body.name,
    ...(body.description !== undefined ? { description: body.description } : {}),
    country: geo.country,
    city: geo.city,
    ...(body.server_id !== undefined ? { serverId: body.server_id } : {}),
    ...(body.prolongation_enabled !== undefined ? { prolongationEnabled: body.prolongation_enabled } : {}),
    createdAt: state.now(),
  })
  state.connections.set(conn.id, conn)
  return { id: conn.id, country: conn.country, city: conn.city, server_id: conn.serverId }
}

export function updateConnectionBasicInfo(state: SimState, id: string, body: UpdateConnectionBasicInfoRequest) {
  const conn = getConnection(state, id)
  if (body.name !== undefined) conn.name = body.name
  if (body.description !== undefined) conn.description = body.description
  conn.updatedAt = state.now()
  return { id: conn.id, name: conn.name, description: conn.description ?? '' }
}

export function updateConnectionSettings(state: SimState, id: string, body: UpdateSettingsRequest) {
  const conn = getConnection(state, id)
  const next = { ...conn.settings }
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value
  }
  conn.settings = next
  conn.updatedAt = state.now()
  return { id: conn.id, ...settingsJson(conn.settings) }
}

/** A new exit IP from the phone's carrier (never the current one), recorded in the IP history. */
export function changeIp(state: SimState, conn: SimConnection): void {
  if (!conn.device) return
  const prng = createPrng(randomInt(2 ** 31))
  let ipv4 = mobileIpv4(conn.carrier, prng)
  while (ipv4 === conn.ip?.ipv4) ipv4 = mobileIpv4(conn.carrier, prng)
  const ipv6 = mobileIpv6(conn.carrier, prng)
  conn.ip = ipv6 === undefined ? { ipv4 } : { ipv4, ipv6 }
  conn.ipChanges.push({ at: state.now(), ...conn.ip })
}

/** A change of status the phone itself makes (a reboot, the demo's outages); none while the control surface holds it. */
export function setStatus(state: SimState, conn: SimConnection, status: SimConnection['status']): void {
  if (conn.held) return
  changeStatus(state, conn, status)
}

function changeStatus(state: SimState, conn: SimConnection, status: SimConnection['status']): void {
  if (conn.status === status) return
  conn.status = status
  conn.statusChangedAt = state.now()
}

/** The control surface: holds the phone in `status` (its proxies and echo follow) until `releaseStatus`. */
export function holdStatus(state: SimState, conn: SimConnection, status: 'online' | 'offline'): void {
  conn.held ??= { previous: conn.status }
  changeStatus(state, conn, status)
}

/** Back to what it was before the hold (a phone held offline that was online comes back online). */
export function releaseStatus(state: SimState, conn: SimConnection): void {
  if (!conn.held) return
  const { previous } = conn.held
  delete conn.held
  changeStatus(state, conn, previous)
}

/** Offline at once, back online (with a new IP, as after a real reboot) after `timing.rebootOfflineMs`. */
export function reboot(sim: SimRuntime, conn: SimConnection): void {
  if (!conn.device) return
  setStatus(sim.state, conn, 'offline')
  sim.scheduler.after(sim.timing.rebootOfflineMs, () => {
    if (sim.state.connections.get(conn.id) !== conn) return
    changeIp(sim.state, conn)
    setStatus(sim.state, conn, 'online')
  })
}

export function pushCommand(sim: SimRuntime, id: string, body: CommandPushRequest): { message: string } {
  const conn = getConnection(sim.state, id)
  switch (body.action) {
    case 'changeip':
      changeIp(sim.state, conn)
      break
    case 'reboot':
      reboot(sim, conn)
      break
    case 'toggle_proxy':
      conn.proxyEnabled = (body as { toggle_proxy_params: { enabled: boolean } }).toggle_proxy_params.enabled
      break
    default:
      // The other commands (refresh, fix_lte, speed_test…) change nothing the API can show.
      break
  }
  return { message: `${body.action} command has been sent` }
}

/** What the echo endpoint reports for a request that left through this connection: nothing while it is down. */
export function exitOf(conn: SimConnection | undefined) {
  if (!conn?.ip || !conn.proxyEnabled) return undefined
  if (conn.status === 'offline' || conn.status === 'nodata') return undefined
  return {
    ip: conn.ip.ipv4,
    country: conn.country.toUpperCase(),
    city: cityName(conn.country, conn.city),
    asn: `AS${conn.carrier.asn}`,
    carrier: conn.carrier.name,
  }
}

async function removeConnection(sim: SimRuntime, conn: SimConnection): Promise<void> {
  const { state } = sim
  state.connections.delete(conn.id)
  await closeProxiesOf(sim, conn.id)
  for (const [id, vpn] of state.vpns) if (vpn.connectionId === conn.id) state.vpns.delete(id)
  for (const [id, link] of state.actionLinks) if (link.connectionId === conn.id) state.actionLinks.delete(id)
  state.sms.delete(conn.id)
}

/** Documented: only a connection without an active plan can be deleted; one with a plan must be recreated. */
export async function deleteConnection(sim: SimRuntime, id: string): Promise<{ id: string }> {
  const conn = getConnection(sim.state, id)
  if (hasActivePlan(conn, sim.state.now())) {
    throw new ApiError(
      409,
      'active_plan',
      `connection ${id} has an active plan until ${iso(conn.plan?.expiresAt ?? 0)}; use POST /recreate-connection instead`,
    )
  }
  await removeConnection(sim, conn)
  return { id }
}

/**
 * A fresh connection (new id, no phone yet) on the given server that keeps the old one's plan; the old one and
 * everything attached to it go away.
 */
export async function recreateConnection(sim: SimRuntime, body: RecreateConnectionRequest): Promise<{ id: string }> {
  const old = getConnection(sim.state, body.connection_id)
  const geo = geoOfServer(body.server_id) ?? { country: old.country, city: old.city }
  const conn = blankConnection({
    name: body.name,
    ...(body.description !== undefined ? { description: body.description } : {}),
    country: geo.country,
    city: geo.city,
    serverId: body.server_id,
    prolongationEnabled: body.prolongation_enabled ?? old.settings.prolongation_enabled,
    createdAt: sim.state.now(),
  })
  if (old.plan) conn.plan = { ...old.plan }
  await removeConnection(sim, old)
  sim.state.connections.set(conn.id, conn)
  return { id: conn.id }
}
