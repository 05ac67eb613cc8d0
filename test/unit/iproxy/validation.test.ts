/**
 * Every documented request rule, through the client: the call is refused before any byte is sent, with an
 * `IproxyValidationError` that names the field and says the rule.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createIproxyClient, IproxyValidationError, type IproxyClient } from '../../../src/main/iproxy'
import { startFakeConsoleServer, type FakeConsoleServer } from '../../support/fake-console-server'
import * as seed from './seed-examples'

type Call = (client: IproxyClient) => Promise<unknown>
interface Rule {
  name: string
  call: Call
  field: string
  rule: RegExp
}

const settings = (body: Record<string, unknown>): Call => (c) => c.connections.updateSettings('c1', body as never)
const proxy = (body: Record<string, unknown>): Call => (c) => c.proxies.create('c1', body as never)
const plan = seed.prolongatePlanRequest.active_plan

const rules: Rule[] = [
  // basic info
  { name: 'user display_name empty', call: (c) => c.me.updateBasicInfo({ display_name: '' }), field: 'display_name', rule: /1–256 characters/ },
  { name: 'user telegram too long', call: (c) => c.me.updateBasicInfo({ telegram: 'x'.repeat(257) }), field: 'telegram', rule: /1–256 characters/ },
  { name: 'user proxy_prefix empty', call: (c) => c.me.updateBasicInfo({ proxy_prefix: '' }), field: 'proxy_prefix', rule: /1–256 characters/ },
  { name: 'connection name empty', call: (c) => c.connections.updateBasicInfo('c1', { name: '' }), field: 'name', rule: /1–256 characters/ },
  { name: 'connection description too long', call: (c) => c.connections.updateBasicInfo('c1', { description: 'd'.repeat(257) }), field: 'description', rule: /1–256 characters/ },
  // create connection
  { name: 'create: server_id with country+city', call: (c) => c.connections.create({ name: 'n', country: 'us', city: 'nyc', server_id: 'vip1' }), field: 'server_id', rule: /mutually exclusive with country and city/ },
  { name: 'create: no location at all', call: (c) => c.connections.create({ name: 'n' }), field: 'country', rule: /required together with city/ },
  { name: 'create: country without city', call: (c) => c.connections.create({ name: 'n', country: 'us' }), field: 'city', rule: /required together with country/ },
  { name: 'create: country not 2 letters', call: (c) => c.connections.create({ name: 'n', country: 'usa', city: 'nyc' }), field: 'country', rule: /2-letter country code/ },
  { name: 'create: name missing', call: (c) => c.connections.create({ server_id: 'vip1' } as never), field: 'name', rule: /expected string/ },
  // update-settings table
  { name: 'no_network_reboot_timeout_seconds > 3600', call: settings({ no_network_reboot_timeout_seconds: 3601 }), field: 'no_network_reboot_timeout_seconds', rule: /from 0 to 3600 seconds/ },
  { name: 'ip_change_airplane_mode_time_seconds < 0', call: settings({ ip_change_airplane_mode_time_seconds: -1 }), field: 'ip_change_airplane_mode_time_seconds', rule: /from 0 to 3600 seconds/ },
  { name: 'no_network_airplane_toggle_timeout_seconds > 3600', call: settings({ no_network_airplane_toggle_timeout_seconds: 3601 }), field: 'no_network_airplane_toggle_timeout_seconds', rule: /from 0 to 3600 seconds/ },
  { name: 'no_wifi_inet_disable_wifi_timeout_seconds not whole', call: settings({ no_wifi_inet_disable_wifi_timeout_seconds: 10.5 }), field: 'no_wifi_inet_disable_wifi_timeout_seconds', rule: /whole number from 0 to 3600/ },
  { name: 'no_wifi_connection_reboot_timeout_seconds > 40320', call: settings({ no_wifi_connection_reboot_timeout_seconds: 40321 }), field: 'no_wifi_connection_reboot_timeout_seconds', rule: /from 0 to 40320 seconds/ },
  { name: 'ip_change_wait_unique_attempts > 10', call: settings({ ip_change_wait_unique_attempts: 11 }), field: 'ip_change_wait_unique_attempts', rule: /from 0 to 10/ },
  { name: 'ip_change_wait_unique_lookbehind_minutes > 64800', call: settings({ ip_change_wait_unique_lookbehind_minutes: 64801 }), field: 'ip_change_wait_unique_lookbehind_minutes', rule: /from 0 to 64800 minutes/ },
  { name: 'ip_change_interval_minutes > 1439', call: settings({ ip_change_interval_minutes: 1440 }), field: 'ip_change_interval_minutes', rule: /from 0 to 1439 minutes/ },
  { name: 'low_battery_reboot_threshold > 95', call: settings({ low_battery_reboot_threshold: 95.5 }), field: 'low_battery_reboot_threshold', rule: /from 0 to 95/ },
  { name: 'low_battery_reboot_threshold < 0', call: settings({ low_battery_reboot_threshold: -0.5 }), field: 'low_battery_reboot_threshold', rule: /from 0 to 95/ },
  { name: 'a dns entry that is a host name', call: settings({ dns: ['1.1.1.1', 'dns.google'] }), field: 'dns.1', rule: /IP address/ },
  { name: 'a dns entry out of range', call: settings({ dns: ['300.1.1.1'] }), field: 'dns.0', rule: /IP address/ },
  { name: 'tcp_fingerprint not listed', call: settings({ tcp_fingerprint: 'Win11' }), field: 'tcp_fingerprint', rule: /one of none, WinXP, .*iOS, or empty/ },
  { name: 'macros_url not a URL', call: settings({ macros_url: 'example dot com' }), field: 'macros_url', rule: /valid http\(s\) URL/ },
  { name: 'macros_url not http', call: settings({ macros_url: 'ftp://example.com/x' }), field: 'macros_url', rule: /valid http\(s\) URL/ },
  { name: 'reboot_cron_string with 4 fields', call: settings({ reboot_cron_string: '30 */3 * *' }), field: 'reboot_cron_string', rule: /5-field cron.*expected 5 fields/ },
  { name: 'reboot_cron_string minute out of range', call: settings({ reboot_cron_string: '61 * * * *' }), field: 'reboot_cron_string', rule: /minute field \(0–59\)/ },
  { name: 'reboot_cron_string bad month name', call: settings({ reboot_cron_string: '0 4 * FOO *' }), field: 'reboot_cron_string', rule: /not a valid month value/ },
  { name: 'tariff_notify_hours_before_expired not whole', call: settings({ tariff_notify_hours_before_expired: [2, 1.5] }), field: 'tariff_notify_hours_before_expired.1', rule: /whole number/ },
  { name: 'app_restart_interval_minutes negative', call: settings({ app_restart_interval_minutes: -5 }), field: 'app_restart_interval_minutes', rule: /0 or more/ },
  { name: 'connection_refresh_interval_minutes not a number', call: settings({ connection_refresh_interval_minutes: '5' }), field: 'connection_refresh_interval_minutes', rule: /whole number/ },
  { name: 'a bool setting given as text', call: settings({ ip_change_enabled: 'yes' }), field: 'ip_change_enabled', rule: /expected boolean/ },
  { name: 'an undocumented setting', call: settings({ ip_change_turbo: true }), field: 'ip_change_turbo', rule: /not a field this request accepts/ },
  // proxy access
  { name: 'listen_service https', call: proxy({ listen_service: 'https', auth_type: 'userpass' }), field: 'listen_service', rule: /http or socks5/ },
  { name: 'auth_type basic', call: proxy({ listen_service: 'http', auth_type: 'basic' }), field: 'auth_type', rule: /userpass or noauth/ },
  { name: 'acl policy with userpass', call: proxy({ listen_service: 'http', auth_type: 'userpass', acl_inbound_policy: 'deny_except', acl_inbound_ips: ['1.2.3.4'] }), field: 'acl_inbound_policy', rule: /only when auth_type is noauth/ },
  { name: 'noauth without acl policy', call: proxy({ listen_service: 'http', auth_type: 'noauth' }), field: 'acl_inbound_policy', rule: /required when auth_type is noauth/ },
  { name: 'acl policy with no IPs', call: proxy({ listen_service: 'socks5', auth_type: 'noauth', acl_inbound_policy: 'deny_except', acl_inbound_ips: [] }), field: 'acl_inbound_ips', rule: /at least one IP address/ },
  { name: 'acl policy with a bad IP', call: proxy({ listen_service: 'socks5', auth_type: 'noauth', acl_inbound_policy: 'deny_except', acl_inbound_ips: ['1.2.3'] }), field: 'acl_inbound_ips.0', rule: /IP address/ },
  { name: 'proxy expires_at without time', call: proxy({ listen_service: 'http', auth_type: 'userpass', expires_at: '2026-01-01' }), field: 'expires_at', rule: /RFC 3339/ },
  { name: 'proxy expires_at on a day that does not exist', call: proxy({ listen_service: 'http', auth_type: 'userpass', expires_at: '2026-02-30T00:00:00Z' }), field: 'expires_at', rule: /RFC 3339/ },
  { name: 'proxy update with a bad ACL IP', call: (c) => c.proxies.update('c1', 'p1', { acl_inbound_ips: ['10.0.0.256'] }), field: 'acl_inbound_ips.0', rule: /IP address/ },
  { name: 'proxy update with empty login', call: (c) => c.proxies.update('c1', 'p1', { auth: { login: '', password: 'x' } }), field: 'auth.login', rule: /must not be empty/ },
  // VPN
  { name: 'vpn name empty', call: (c) => c.vpn.create('c1', { name: '' }), field: 'name', rule: /1–256 characters/ },
  { name: 'vpn expires_at not RFC 3339', call: (c) => c.vpn.update('c1', 'v1', { expires_at: 'tomorrow' }), field: 'expires_at', rule: /RFC 3339/ },
  // action links and commands
  { name: 'action link action shutdown', call: (c) => c.actionLinks.create('c1', { action: 'shutdown' as never }), field: 'action', rule: /reboot or changeip/ },
  { name: 'command action unknown', call: (c) => c.connections.pushCommand('c1', { action: 'selfdestruct' } as never), field: 'action', rule: /one of refresh_fingerprint, .*speed_test/ },
  { name: 'toggle_proxy without params', call: (c) => c.connections.pushCommand('c1', { action: 'toggle_proxy' } as never), field: 'toggle_proxy_params', rule: /required for toggle_proxy/ },
  { name: 'toggle_proxy enabled as text', call: (c) => c.connections.pushCommand('c1', { action: 'toggle_proxy', toggle_proxy_params: { enabled: 'yes' } } as never), field: 'toggle_proxy_params.enabled', rule: /true or false/ },
  // plans and deletion
  { name: 'prolongate 0 days', call: (c) => c.connections.prolongatePlan('c1', { active_plan: plan, days: 0 }), field: 'days', rule: /positive whole number/ },
  { name: 'prolongate 30.5 days', call: (c) => c.connections.prolongatePlan('c1', { active_plan: plan, days: 30.5 }), field: 'days', rule: /positive whole number/ },
  { name: 'change plan without plan_id', call: (c) => c.connections.changePlan('c1', { active_plan: plan } as never), field: 'plan_id', rule: /expected string/ },
  { name: 'change plan with a bad start date', call: (c) => c.connections.changePlan('c1', { active_plan: { ...plan, started_at: 'yesterday' }, plan_id: 'p' }), field: 'active_plan.started_at', rule: /RFC 3339/ },
  { name: 'delete without reason', call: (c) => c.connections.delete('c1', { reason: '' }), field: 'reason', rule: /must not be empty/ },
  { name: 'delete with a blank reason', call: (c) => c.connections.delete('c1', { reason: '   ' }), field: 'reason', rule: /must not be empty/ },
  { name: 'recreate without connection_id', call: (c) => c.connections.recreate({ ...seed.recreateConnectionRequest, connection_id: '' }), field: 'connection_id', rule: /is required/ },
  // team access
  { name: 'team email invalid', call: (c) => c.connections.modifyTeamAccess('c1', { email: 'not-an-email', permissions: {} }), field: 'email', rule: /email address/ },
  { name: 'team permission unknown', call: (c) => c.connections.modifyTeamAccess('c1', { email: 'a@b.co', permissions: { fly: true } as never }), field: 'permissions.fly', rule: /not a field/ },
  { name: 'team removal email invalid', call: (c) => c.connections.removeTeamAccess('c1', { email: 'x' }), field: 'email', rule: /email address/ },
  // stats ranges
  { name: 'stats from not RFC 3339', call: (c) => c.stats.uptime('c1', { from: 'last week', to: '2025-03-02T00:00:00Z' }), field: 'query.from', rule: /RFC 3339/ },
  { name: 'stats from an invalid Date', call: (c) => c.stats.ipHistory('c1', { from: new Date('nope'), to: new Date() }), field: 'query.from', rule: /valid Date/ },
  { name: 'stats to before from', call: (c) => c.stats.trafficByDay('c1', { from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' }), field: 'query.to', rule: /not be before from/ },
  // ids and links
  { name: 'empty connection id', call: (c) => c.connections.get(''), field: 'connId', rule: /is required/ },
  { name: 'empty proxy id', call: (c) => c.proxies.delete('c1', ''), field: 'proxyId', rule: /is required/ },
  { name: 'empty VPN id', call: (c) => c.vpn.getConfig('c1', ' '), field: 'ovpnId', rule: /is required/ },
  { name: 'action link that is not http', call: (c) => c.actionLinks.execute('javascript:alert(1)'), field: 'link', rule: /http\(s\) URL/ },
]

describe('request validation', () => {
  let server: FakeConsoleServer
  let client: IproxyClient

  beforeAll(async () => {
    server = await startFakeConsoleServer()
    client = createIproxyClient({ apiKey: 'validation-key-abcdef', baseUrl: server.baseUrl })
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })
  beforeEach(() => server.reset())

  for (const r of rules) {
    it(`refuses ${r.name} (${r.field})`, async () => {
      const error = await Promise.resolve().then(() => r.call(client)).then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(IproxyValidationError)
      const v = error as IproxyValidationError
      expect(v.status).toBe(0)
      expect(v.code).toBe('invalid_request')
      expect(v.field).toBe(r.field)
      expect(v.message).toContain(r.field)
      expect(v.message).toMatch(r.rule)
      expect(v.toBridgeError().details).toMatchObject({ field: r.field })
      expect(server.requests).toHaveLength(0)
    })
  }

  it('sends values on the documented boundaries', async () => {
    server.route('POST', '/connections/c1/update-settings', { json: seed.updatedSettings })
    const body = {
      low_battery_reboot_threshold: 95,
      no_network_reboot_timeout_seconds: 3600,
      no_wifi_connection_reboot_timeout_seconds: 40320,
      ip_change_wait_unique_attempts: 10,
      ip_change_wait_unique_lookbehind_minutes: 64800,
      ip_change_interval_minutes: 1439,
      ip_change_airplane_mode_time_seconds: 0,
      dns: ['2606:4700:4700::1111', '8.8.8.8'],
      tcp_fingerprint: '' as const,
      macros_url: '',
      reboot_cron_string: '',
      tariff_notify_hours_before_expired: [],
    }
    await client.connections.updateSettings('c1', body)
    expect(server.requests[0]?.json).toEqual(body)
  })

  it('accepts every listed tcp_fingerprint and a realistic cron', async () => {
    server.route('POST', '/connections/c1/update-settings', { json: seed.updatedSettings })
    for (const fp of ['none', 'WinXP', 'Win78', 'Win10', 'WinNT', 'Nintendo', 'FreeBSD', 'FreeBSD9', 'MacOS', 'iOS'] as const) {
      await client.connections.updateSettings('c1', { tcp_fingerprint: fp, reboot_cron_string: '0 4 * * MON-FRI' })
    }
    expect(server.requests).toHaveLength(10)
  })

  it('accepts any custom delete reason and clears expiry with the zero date', async () => {
    server.route('DELETE', '/connections/c1', { json: seed.deletedConnection })
    server.route('POST', '/connections/c1/ovpn-access/v1/update', { json: seed.ovpnAccess })
    await client.connections.delete('c1', { reason: 'duplicate connection blabla' })
    await client.vpn.update('c1', 'v1', { expires_at: '0001-01-01T00:00:00Z' })
    expect(server.requests.map((r) => r.json)).toEqual([{ reason: 'duplicate connection blabla' }, { expires_at: '0001-01-01T00:00:00Z' }])
  })

  it('lists every problem of a body, not only the first', async () => {
    const error = await client.connections.updateSettings('c1', { dns: ['x'], ip_change_interval_minutes: 5000 }).catch((e: unknown) => e)
    expect((error as IproxyValidationError).issues.map((i) => i.field).sort()).toEqual(['dns.0', 'ip_change_interval_minutes'])
    expect((error as IproxyValidationError).message).toMatch(/and 1 more problem/)
  })

  it('refuses to start without a usable API key or base URL', () => {
    expect(() => createIproxyClient({ apiKey: '   ' })).toThrow(/no API key was given/)
    expect(() => createIproxyClient({ apiKey: 'has space' })).toThrow(IproxyValidationError)
    expect(() => createIproxyClient({ apiKey: 'k', baseUrl: 'ftp://example.com' })).toThrow(/must start with https/)
  })
})
