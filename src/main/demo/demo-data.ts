/**
 * The data sets a simulator can start with: 'empty' (an account and nothing else), 'demo' (a realistic account
 * with 12 phones, deterministic, so screenshots and tests see the same names and ids every run) and `scale`
 * (thousands of connections, for benchmarks). Times are relative to the start, so plans and history stay current.
 */
import { TEAM_PERMISSIONS, type OnlineStatus } from '../../shared/iproxy'
import { countryFor, PHONE_MODELS } from './geo'
import { createPrng, type Prng } from './prng'
import { generatedIpAt } from './stats'
import { blankConnection, freshSettings } from './state/connections'
import { receiveSms } from './state/sms'
import type { ConnectionSettings, SimAccount, SimConnection, SimPlan, SimProxy, SimState } from './state/store'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

export interface ScaleOptions {
  connections: number
  proxiesPerConnection: number
}

export function demoAccount(apiKey: string): SimAccount {
  return {
    id: 'u8Hn2KqWd4',
    username: 'demo',
    email: 'demo@iproxy-desktop.example',
    balanceCents: 24_850,
    displayName: 'Demo Account',
    telegram: '@iproxy_demo',
    proxyPrefix: 'demo',
    apiKey,
  }
}

export function emptyAccount(apiKey: string): SimAccount {
  return { id: 'u0Empty000', username: 'new_user', email: 'new.user@iproxy-desktop.example', balanceCents: 1_000, apiKey }
}

interface ConnectionSpec {
  name: string
  country: string
  city: string
  carrier: number
  status: OnlineStatus
  plan: 'active' | 'expired' | 'none'
  settings?: Partial<ConnectionSettings>
}

const DEMO_CONNECTIONS: readonly ConnectionSpec[] = [
  { name: 'Moscow MTS 01', country: 'ru', city: 'mow', carrier: 0, status: 'online', plan: 'active',
    settings: { ip_change_enabled: true, ip_change_interval_minutes: 30, dns: ['1.1.1.1', '8.8.8.8'], prolongation_enabled: true } },
  { name: 'Moscow Tele2 02', country: 'ru', city: 'mow', carrier: 1, status: 'online', plan: 'active',
    settings: { reboot_cron_string: '30 */3 * * *', tariff_notify_hours_before_expired: [2, 12, 48] } },
  { name: 'St Petersburg MegaFon', country: 'ru', city: 'led', carrier: 2, status: 'flapping', plan: 'active',
    settings: { tcp_fingerprint: 'Win10', no_network_reboot_timeout_seconds: 300 } },
  { name: 'Kazan MTS (old)', country: 'ru', city: 'kzn', carrier: 0, status: 'offline', plan: 'expired' },
  { name: 'New York T-Mobile', country: 'us', city: 'nyc', carrier: 0, status: 'online', plan: 'active',
    settings: { ip_change_enabled: true, ip_change_interval_minutes: 10, ip_change_wait_unique: true, ip_change_wait_unique_attempts: 3 } },
  { name: 'Miami Verizon', country: 'us', city: 'mia', carrier: 1, status: 'online', plan: 'active', settings: { tcp_fingerprint: 'MacOS' } },
  { name: 'London EE', country: 'gb', city: 'lon', carrier: 0, status: 'online', plan: 'active',
    settings: { telegram_change_ip_notification_enabled: true, macros_url: 'https://example.com/macro' } },
  { name: 'Berlin Telekom', country: 'de', city: 'ber', carrier: 0, status: 'online', plan: 'active', settings: { low_battery_reboot_threshold: 15 } },
  { name: 'Warsaw Play', country: 'pl', city: 'waw', carrier: 0, status: 'flapping', plan: 'active' },
  { name: 'Kyiv Kyivstar', country: 'ua', city: 'iev', carrier: 0, status: 'offline', plan: 'active' },
  { name: 'Istanbul Turkcell', country: 'tr', city: 'ist', carrier: 0, status: 'online', plan: 'expired' },
  { name: 'Bangkok AIS (setting up)', country: 'th', city: 'bkk', carrier: 0, status: 'nodata', plan: 'none' },
]

function device(prng: Prng, index: number): NonNullable<SimConnection['device']> {
  const model = PHONE_MODELS[index % PHONE_MODELS.length] as (typeof PHONE_MODELS)[number]
  return {
    manufacturer: model.manufacturer,
    model: model.model,
    androidVersion: prng.pick(model.androidVersions),
    systemFingerprint: prng.text(8, '0123456789abcdef'),
    systemDeviceId: prng.text(7, '0123456789abcdef'),
    installationId: `phone-${prng.text(8, '0123456789abcdef')}-${prng.text(4, '0123456789abcdef')}-${prng.text(4, '0123456789abcdef')}-${prng.text(4, '0123456789abcdef')}-${prng.text(12, '0123456789abcdef')}`,
    appVersion: String(prng.pick([571, 573, 574])),
    buildNumber: `${prng.pick([571, 573, 574])}01`,
    isRoot: prng.chance(0.1),
  }
}

function plan(prng: Prng, kind: ConnectionSpec['plan'], now: number): SimPlan | undefined {
  if (kind === 'none') return undefined
  const startedAt = kind === 'active' ? now - prng.int(1, 25) * DAY_MS - prng.int(0, 23) * HOUR_MS : now - prng.int(35, 60) * DAY_MS
  return { id: prng.text(10), catalogId: 'pro-30', days: 30, priceCents: 1900, startedAt, expiresAt: startedAt + 30 * DAY_MS }
}

/** A phone with a month or more of history up to `now`, its current IP taken from that history. */
function demoConnection(prng: Prng, spec: ConnectionSpec, index: number, now: number): SimConnection {
  const createdAt = now - prng.int(35, 400) * DAY_MS - prng.int(0, 23) * HOUR_MS
  const conn = blankConnection({
    id: prng.text(10),
    name: spec.name,
    ...(index % 3 === 0 ? { description: `${spec.name}: client pool ${String.fromCharCode(65 + (index % 5))}` } : {}),
    country: spec.country,
    city: spec.city,
    serverId: `${spec.country}-${spec.city}-${prng.int(1, 9)}`,
    createdAt,
  })
  conn.apiKey = prng.text(32)
  conn.settings = freshSettings(spec.settings)
  conn.carrier = countryFor(spec.country).carriers[spec.carrier] ?? conn.carrier
  const p = plan(prng, spec.plan, now)
  if (p) conn.plan = p
  conn.updatedAt = now - prng.int(1, 72) * HOUR_MS
  if (spec.status === 'nodata') {
    conn.isOnboarding = true
    conn.createdAt = now - 2 * HOUR_MS
    conn.historyUntil = conn.createdAt
    return conn
  }
  conn.device = device(prng, index)
  conn.status = spec.status
  conn.statusChangedAt = spec.status === 'offline' ? now - prng.int(2, 40) * HOUR_MS : now - prng.int(1, 30) * 60_000
  conn.historyUntil = now
  conn.rotationMinutes = spec.settings?.ip_change_interval_minutes || prng.pick([60, 120, 240, 360])
  conn.trafficPerHour = prng.int(20, 400) * 1024 * 1024
  conn.downRate = spec.status === 'flapping' ? 0.2 : prng.int(5, 30) / 1000
  conn.ip = generatedIpAt(conn, now)
  return conn
}

function demoProxy(prng: Prng, conn: SimConnection, slot: number, now: number): SimProxy {
  const kinds: Omit<SimProxy, 'id' | 'connectionId' | 'port' | 'bound' | 'passwordUpdatedAt' | 'createdAt'>[] = [
    { description: 'SOCKS5 for the scraper', listenService: 'socks5', authType: 'userpass', aclIps: [] },
    { description: 'HTTP for the browser profile', listenService: 'http', authType: 'userpass', aclIps: [] },
    { description: 'Office (IP allow-list, no password)', listenService: 'socks5', authType: 'noauth', aclIps: ['127.0.0.1', '94.25.170.12'] },
    { description: 'Client trial, expires', listenService: 'http', authType: 'userpass', aclIps: [], expiresAt: new Date(now + 14 * DAY_MS).toISOString() },
  ]
  const kind = kinds[slot % kinds.length] as (typeof kinds)[number]
  const createdAt = conn.createdAt + prng.int(0, 48) * HOUR_MS
  return {
    ...kind,
    aclIps: [...kind.aclIps],
    id: prng.text(10),
    connectionId: conn.id,
    ...(kind.authType === 'userpass' ? { login: `demo_${prng.text(6, 'abcdefghijklmnopqrstuvwxyz0123456789')}`, password: prng.text(12) } : {}),
    port: 0,
    bound: false,
    passwordUpdatedAt: createdAt + prng.int(0, 20) * DAY_MS,
    createdAt,
  }
}

const SMS_SENDERS = [
  { from: 'Google', text: (p: Prng) => `G-${p.int(100000, 999999)} is your Google verification code.` },
  { from: 'Telegram', text: (p: Prng) => `Telegram code: ${p.int(10000, 99999)}. Do not give this code to anyone.` },
  { from: 'WhatsApp', text: (p: Prng) => `Your WhatsApp code: ${p.int(100, 999)}-${p.int(100, 999)}` },
  { from: '111', text: (p: Prng) => `Balance: ${p.int(50, 900)}.00. Internet left: ${p.int(1, 40)} GB.`, contact: 'Carrier' },
]

function addDemoSms(state: SimState, prng: Prng, connId: string, count: number, now: number): void {
  for (let i = 0; i < count; i++) {
    const sender = prng.pick(SMS_SENDERS)
    receiveSms(state, connId, {
      message: sender.text(prng),
      from: sender.from,
      ...(sender.contact ? { fromContact: sender.contact } : {}),
      at: now - (count - i) * prng.int(2, 9) * HOUR_MS,
    })
  }
}

function permissions(granted: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(TEAM_PERMISSIONS.map((p) => [p, granted.includes(p)]))
}

/** The 12-phone demo account; proxy listeners are opened by the caller. */
export function seedDemo(state: SimState): void {
  const now = state.now()
  const prng = createPrng('iproxy-demo')
  DEMO_CONNECTIONS.forEach((spec, index) => {
    const conn = demoConnection(prng, spec, index, now)
    state.connections.set(conn.id, conn)
    for (let slot = 0; slot < 2 + (index % 3); slot++) {
      const proxy = demoProxy(prng, conn, slot, now)
      state.proxies.set(proxy.id, proxy)
    }
    if (index % 4 === 0 || index === 6) {
      for (let v = 0; v < (index === 0 ? 2 : 1); v++) {
        const id = prng.text(10)
        state.vpns.set(id, {
          id, connectionId: conn.id, name: v === 0 ? `${spec.name} VPN` : 'Laptop VPN', description: 'OpenVPN for the team laptop',
          status: 'active', expiresAt: new Date(now + 365 * DAY_MS).toISOString(), createdAt: conn.createdAt + DAY_MS,
        })
      }
    }
    if (index === 0 || index === 4 || index === 7) {
      for (const action of index === 0 ? (['reboot', 'changeip'] as const) : (['changeip'] as const)) {
        const id = prng.text(10)
        state.actionLinks.set(id, { id, connectionId: conn.id, action, comment: `link for client ${String.fromCharCode(65 + index)}`, createdAt: now - prng.int(1, 20) * DAY_MS })
      }
    }
    if (conn.device) addDemoSms(state, prng, conn.id, index === 0 ? 130 : prng.int(0, 6), now)
    if (index === 0) conn.sharedUsers.set('ops@iproxy-desktop.example', permissions(['proxy_view', 'proxy_create', 'reboot_device', 'ip_history_view']))
    if (index === 4) conn.sharedUsers.set('client@iproxy-desktop.example', permissions(['proxy_view', 'action_link_view']))
  })
}

/** Thousands of phones for benchmarks. Cheap per item: no SMS, no VPN, listeners left unbound (placeholder ports). */
export function seedScale(state: SimState, scale: ScaleOptions): void {
  const now = state.now()
  const prng = createPrng('iproxy-scale')
  let portCounter = 0
  for (let i = 0; i < scale.connections; i++) {
    const spec = DEMO_CONNECTIONS[i % (DEMO_CONNECTIONS.length - 1)] as ConnectionSpec
    const conn = demoConnection(prng, { ...spec, name: `${spec.name} #${i + 1}` }, i, now)
    state.connections.set(conn.id, conn)
    for (let slot = 0; slot < scale.proxiesPerConnection; slot++) {
      const proxy = demoProxy(prng, conn, slot, now)
      proxy.port = 20_000 + (portCounter++ % 40_000)
      state.proxies.set(proxy.id, proxy)
    }
  }
}
