/**
 * The server applies the client's own rules: the docs' example requests go through, invalid ones are refused with
 * 400 and the field named. Requests are sent raw (undici) because the client would refuse them before sending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoConnectionId, openSession, raw, type Session } from './harness'

let s: Session
let conn: string
let proxyId: string
let vpnId: string

beforeAll(async () => {
  s = await openSession()
  conn = demoConnectionId(s.sim)
  proxyId = [...s.sim.state.proxies.values()].find((p) => p.connectionId === conn)?.id ?? ''
  vpnId = [...s.sim.state.vpns.values()].find((v) => v.connectionId === conn)?.id ?? ''
})
afterAll(async () => {
  await s.close()
})

describe('the docs\' example requests are accepted', () => {
  const examples: [string, 'POST', () => string, unknown, number][] = [
    ['update user basic info', 'POST', () => '/me/update-basic-info', { display_name: 'John Doe', telegram: '@username', proxy_prefix: 'prefix' }, 200],
    ['create connection', 'POST', () => '/connections', { name: 'connection_name', description: 'connection_description (optional)', prolongation_enabled: true, country: 'us', city: 'nyc' }, 201],
    ['create VIP connection', 'POST', () => '/connections', { name: 'vip', server_id: 'server_id' }, 201],
    ['update connection basic info', 'POST', () => `/connections/${conn}/update-basic-info`, { name: 'new_name', description: 'new_description' }, 200],
    ['update settings', 'POST', () => `/connections/${conn}/update-settings`, {
      prolongation_enabled: false, dns: ['1.1.1.1'], telegram_change_ip_notification_enabled: false, telegram_status_notification_enabled: true,
      reboot_cron_string: '30 */3 * * *', low_battery_reboot_threshold: 0, no_network_reboot_timeout_seconds: 0, ip_change_airplane_mode_time_seconds: 0,
      no_network_airplane_toggle_timeout_seconds: 0, tariff_notify_hours_before_expired: [2, 12, 48], no_wifi_inet_disable_wifi_timeout_seconds: 0,
      no_wifi_connection_reboot_timeout_seconds: 0, tcp_fingerprint: 'Win10', ip_change_wait_unique: false, ip_change_wait_unique_attempts: 0,
      ip_change_wait_unique_lookbehind_minutes: 0, ip_change_enabled: false, ip_change_interval_minutes: 0, macros_url: 'https://example.com',
      app_restart_interval_minutes: 0, connection_refresh_interval_minutes: 0,
    }, 200],
    ['modify team access', 'POST', () => `/connections/${conn}/team-access/modify`, { email: 'user@example.com', permissions: { action_link_create: true, action_link_remove: true, airplane_mode_time_edit: true } }, 200],
    ['remove team access', 'POST', () => `/connections/${conn}/team-access/remove`, { email: 'user@example.com' }, 200],
    ['create proxy access', 'POST', () => `/connections/${conn}/proxy-access`, { listen_service: 'socks5', auth_type: 'userpass', description: 'new proxy description' }, 201],
    ['update proxy access', 'POST', () => `/connections/${conn}/proxy-access/${proxyId}/update`, {
      listen_service: 'http', auth_type: 'userpass', auth: { login: 'new_login', password: 'new_pass' }, description: 'new description', acl_inbound_ips: [], expires_at: '0001-01-01T00:00:00Z',
    }, 200],
    ['create VPN access', 'POST', () => `/connections/${conn}/ovpn-access`, { name: 'new VPN name', description: 'new VPN description' }, 201],
    ['update VPN access', 'POST', () => `/connections/${conn}/ovpn-access/${vpnId}/update`, { name: 'VPN name', description: 'VPN description', expires_at: '2026-01-01T01:01:01Z' }, 200],
    ['create action link', 'POST', () => `/connections/${conn}/actionlinks`, { action: 'changeip', comment: 'link for client AAAA' }, 201],
    ['command push', 'POST', () => `/connection/${conn}/command-push`, { action: 'toggle_proxy', toggle_proxy_params: { enabled: true } }, 200],
  ]
  it.each(examples)('%s', async (_name, method, path, body, status) => {
    const answer = await raw(s.sim, method, path(), body)
    expect(answer.status, JSON.stringify(answer.json)).toBe(status)
  })

  it('command push without a Content-Type header, as the docs\' curl sends it', async () => {
    const answer = await raw(s.sim, 'POST', `/connection/${conn}/command-push`, '{"action":"refresh"}')
    expect(answer).toMatchObject({ status: 200, json: { message: 'refresh command has been sent' } })
  })
})

describe('invalid requests are refused with the field named', () => {
  const invalid: [string, () => string, unknown, string][] = [
    ['update-basic-info with an empty name', () => '/me/update-basic-info', { display_name: '' }, 'display_name'],
    ['connection with city but no country', () => '/connections', { name: 'x', city: 'waw' }, 'country'],
    ['connection with server_id and geo', () => '/connections', { name: 'x', server_id: 's', country: 'pl', city: 'waw' }, 'server_id'],
    ['settings with a bad DNS entry', () => `/connections/${conn}/update-settings`, { dns: ['1.1.1'] }, 'dns.0'],
    ['settings with a battery threshold over 95', () => `/connections/${conn}/update-settings`, { low_battery_reboot_threshold: 96 }, 'low_battery_reboot_threshold'],
    ['settings with an unknown fingerprint', () => `/connections/${conn}/update-settings`, { tcp_fingerprint: 'Win11' }, 'tcp_fingerprint'],
    ['settings with a broken cron', () => `/connections/${conn}/update-settings`, { reboot_cron_string: '61 * * * *' }, 'reboot_cron_string'],
    ['settings with an unknown field', () => `/connections/${conn}/update-settings`, { dark_mode: true }, 'dark_mode'],
    ['team access with a bad email', () => `/connections/${conn}/team-access/modify`, { email: 'nope', permissions: {} }, 'email'],
    ['proxy with an unknown service', () => `/connections/${conn}/proxy-access`, { listen_service: 'ftp', auth_type: 'userpass' }, 'listen_service'],
    ['noauth proxy without an ACL policy', () => `/connections/${conn}/proxy-access`, { listen_service: 'http', auth_type: 'noauth' }, 'acl_inbound_policy'],
    ['proxy with a non-RFC 3339 expiry', () => `/connections/${conn}/proxy-access`, { listen_service: 'http', auth_type: 'userpass', expires_at: '2026-01-01' }, 'expires_at'],
    ['command push with an unknown action', () => `/connection/${conn}/command-push`, { action: 'explode' }, 'action'],
    ['toggle_proxy without params', () => `/connection/${conn}/command-push`, { action: 'toggle_proxy' }, 'toggle_proxy_params'],
    ['action link with an unknown action', () => `/connections/${conn}/actionlinks`, { action: 'wipe' }, 'action'],
    ['VPN without a name', () => `/connections/${conn}/ovpn-access`, { description: 'x' }, 'name'],
    ['recreate without a connection id', () => '/recreate-connection', { connection_id: '', name: 'n', server_id: 's' }, 'connection_id'],
    ['prolongate with zero days', () => `/connections/${conn}/prolongate-plan`, { active_plan: { id: 'a', started_at: '2025-07-13T05:01:37.192Z', expires_at: '2025-08-01T04:44:58Z' }, days: 0 }, 'days'],
  ]
  it.each(invalid)('%s', async (_name, path, body, field) => {
    const answer = await raw(s.sim, 'POST', path(), body)
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({ error: { code: 'validation_failed', message: expect.stringContaining(field), field } })
  })

  it('deleting a connection needs a reason', async () => {
    const answer = await raw(s.sim, 'DELETE', `/connections/${conn}`, { reason: '  ' })
    expect(answer).toMatchObject({ status: 400, json: { error: { field: 'reason' } } })
  })

  it('stats need RFC 3339 from and to', async () => {
    const answer = await raw(s.sim, 'GET', `/connections/${conn}/uptime?from=yesterday&to=2025-08-02T03%3A00%3A00%2B03%3A00`)
    expect(answer).toMatchObject({ status: 400, json: { error: { field: 'from' } } })
  })

  it('a body over 1 MB is refused with 413', async () => {
    const answer = await raw(s.sim, 'POST', '/connections', JSON.stringify({ name: 'x'.repeat(1_100_000) }))
    expect(answer).toMatchObject({ status: 413, json: { error: { code: 'body_too_large' } } })
  })

  it('a body that is not JSON is a 400', async () => {
    expect(await raw(s.sim, 'POST', '/connections', '{"name": ')).toMatchObject({ status: 400, json: { error: { code: 'invalid_json' } } })
  })
})

describe('authentication and unknown paths', () => {
  it('401 without a key and with a wrong one, on every endpoint', async () => {
    for (const key of [null, 'wrong-key']) {
      for (const path of ['/me', '/connections', '/proxy-access', `/connections/${conn}/sms-history`]) {
        const answer = await raw(s.sim, 'GET', path, undefined, key)
        expect(answer).toMatchObject({ status: 401, json: { error: { code: 'unauthorized' } } })
      }
    }
    expect((await raw(s.sim, 'POST', '/me/api-key', undefined, 'wrong')).status).toBe(401)
  })

  it('404 for unknown ids and paths, 405 for a wrong method', async () => {
    expect((await raw(s.sim, 'GET', '/connections/unknown')).status).toBe(404)
    expect((await raw(s.sim, 'DELETE', `/connections/${conn}/proxy-access/unknown`)).status).toBe(404)
    expect((await raw(s.sim, 'GET', `/connections/${conn}/ovpn-access/unknown/config`)).status).toBe(404)
    expect((await raw(s.sim, 'DELETE', `/connections/${conn}/actionlinks/unknown`)).status).toBe(404)
    expect((await raw(s.sim, 'GET', '/no-such-endpoint')).status).toBe(404)
    const wrongMethod = await raw(s.sim, 'DELETE', '/me')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.allow).toBe('GET')
  })
})
