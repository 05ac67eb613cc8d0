/**
 * Strict IPC input (issue 17, point 15): every call body refuses fields it does not know and free text past the
 * seed's limits (256 characters for text; our own generous caps where the seed names none, see LIMITS in
 * shared/iproxy/common.ts). Run through the real handler table, so the error is the one the page gets, and the
 * service behind the call is never reached.
 */
import { describe, expect, it } from 'vitest'
import { createHandlerTable } from '../../../src/main/handler-table'
import type { Implementations } from '../../../src/main/handler-table'

const APP_PAGE = 'app://iproxy-desktop/index.html'

function setup() {
  const reached: string[] = []
  // Every call's implementation just records that it ran: the point is what the table lets through to it.
  const implementations = new Proxy({} as Implementations, {
    get: (_target, name) => async () => {
      reached.push(String(name))
      return undefined
    },
  })
  const table = createHandlerTable({ implementations, isTrustedSender: () => true, log: () => {} })
  return { table, reached }
}

const text = (length: number) => 'x'.repeat(length)
const ips = (count: number) => Array.from({ length: count }, (_, i) => `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`)
const plan = { id: 'p1', started_at: '2026-01-01T00:00:00Z', expires_at: '2026-02-01T00:00:00Z' }

describe('strict IPC input', () => {
  it.each([
    ['a command with an extra field', 'connections.pushCommand', { connId: 'c1', body: { action: 'reboot', shell: 'rm -rf /' } }, 'body', /shell/],
    ['a command with parameters it does not take', 'connections.pushCommand', { connId: 'c1', body: { action: 'reboot', reboot_params: { hard: true } } }, 'body.reboot_params', /hard/],
    ['toggle_proxy with an extra parameter', 'connections.pushCommand', { connId: 'c1', body: { action: 'toggle_proxy', toggle_proxy_params: { enabled: true, port: 1 } } }, 'body.toggle_proxy_params', /port/],
    ['a command call with an extra field beside the body', 'connections.pushCommand', { connId: 'c1', body: { action: 'reboot' }, admin: true }, '(input)', /admin/],
    ['a proxy login of 257 characters', 'proxies.create', { connId: 'c1', body: { listen_service: 'http', auth_type: 'userpass', auth: { login: text(257), password: 'pw' } } }, 'body.auth.login', /at most 256 characters/],
    ['a proxy password of 257 characters', 'proxies.update', { connId: 'c1', proxyId: 'p1', body: { auth: { login: 'me', password: text(257) } } }, 'body.auth.password', /at most 256 characters/],
    ['1001 ACL addresses', 'proxies.update', { connId: 'c1', proxyId: 'p1', body: { acl_inbound_ips: ips(1001) } }, 'body.acl_inbound_ips', /at most 1000 IP addresses/],
    ['33 DNS servers', 'connections.updateSettings', { connId: 'c1', body: { dns: ips(33) } }, 'body.dns', /at most 32 DNS servers/],
    ['a DNS entry of a megabyte', 'connections.updateSettings', { connId: 'c1', body: { dns: [text(1_000_000)] } }, 'body.dns.0', /IP address/],
    ['a cron string of 257 characters', 'connections.updateSettings', { connId: 'c1', body: { reboot_cron_string: text(257) } }, 'body.reboot_cron_string', /at most 256 characters/],
    ['a webhook URL of 2049 characters', 'connections.updateSettings', { connId: 'c1', body: { macros_url: `https://example.com/${text(2029)}` } }, 'body.macros_url', /at most 2048 characters/],
    ['101 plan reminders', 'connections.updateSettings', { connId: 'c1', body: { tariff_notify_hours_before_expired: Array(101).fill(1) } }, 'body.tariff_notify_hours_before_expired', /at most 100 reminders/],
    ['an extra settings field', 'connections.updateSettings', { connId: 'c1', body: { dns: [], root_shell: true } }, 'body', /root_shell/],
    ['a connection name of 257 characters', 'connections.updateBasicInfo', { connId: 'c1', body: { name: text(257) } }, 'body.name', /1–256 characters/],
    ['a city of 257 characters', 'connections.create', { name: 'n', country: 'us', city: text(257) }, 'city', /at most 256 characters/],
    ['a server id of 129 characters', 'connections.create', { name: 'n', server_id: text(129) }, 'server_id', /at most 128 characters/],
    ['a delete reason of 257 characters', 'connections.delete', { connId: 'c1', body: { reason: text(257) } }, 'body.reason', /at most 256 characters/],
    ['a coupon of 257 characters', 'connections.changePlan', { connId: 'c1', body: { active_plan: plan, plan_id: 'x', coupon_code: text(257) } }, 'body.coupon_code', /at most 256 characters/],
    ['a team e-mail of 255 characters', 'connections.removeTeamAccess', { connId: 'c1', body: { email: `${text(243)}@example.com` } }, 'body.email', /at most 254 characters/],
    ['a VPN name of 257 characters', 'vpn.create', { connId: 'c1', body: { name: text(257) } }, 'body.name', /1–256 characters/],
    ['a VPN update with an extra field', 'vpn.update', { connId: 'c1', ovpnId: 'o1', body: { name: 'n', dns: ['1.1.1.1'] } }, 'body', /dns/],
    ['an action-link comment of 257 characters', 'actionLinks.create', { connId: 'c1', body: { action: 'reboot', comment: text(257) } }, 'body.comment', /at most 256 characters/],
    ['a display name of 257 characters', 'account.updateBasicInfo', { display_name: text(257) }, 'display_name', /1–256 characters/],
    ['a stats window bound of 65 characters', 'stats.uptime', { connId: 'c1', from: text(65), to: '2026-01-01T00:00:00Z' }, 'from', /65|64/],
    ['an API address of 2049 characters', 'profiles.add', { name: 'n', apiKey: 'k'.repeat(20), baseUrl: `https://example.com/${text(2029)}` }, 'baseUrl', /2048/],
    ['a link of 2049 characters', 'app.openExternal', { url: `https://iproxy.online/${text(2027)}` }, 'url', /2048|too big/i],
  ])('refuses %s, naming the field', async (_label, channel, input, field, message) => {
    const { table, reached } = setup()
    const result = await table.handle(channel, APP_PAGE, input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation')
    const issues = (result.error.details as { issues: { field: string; message: string }[] }).issues
    expect(issues.map((i) => i.field)).toContain(field)
    expect(issues.find((i) => i.field === field)?.message).toMatch(message)
    expect(result.error.message).toContain(`${field}: `)
    expect(reached).toEqual([])
  })

  it.each([
    ['a command with the seed’s empty parameters', 'connections.pushCommand', { connId: 'c1', body: { action: 'reboot', reboot_params: {} } }],
    ['toggle_proxy with its parameter', 'connections.pushCommand', { connId: 'c1', body: { action: 'toggle_proxy', toggle_proxy_params: { enabled: false } } }],
    ['a proxy login and password of exactly 256 characters', 'proxies.update', { connId: 'c1', proxyId: 'p1', body: { auth: { login: text(256), password: text(256) } } }],
    ['32 DNS servers', 'connections.updateSettings', { connId: 'c1', body: { dns: ips(32) } }],
    ['a delete reason of 256 characters', 'connections.delete', { connId: 'c1', body: { reason: text(256) } }],
  ])('lets through %s', async (_label, channel, input) => {
    const { table, reached } = setup()
    await expect(table.handle(channel, APP_PAGE, input)).resolves.toEqual({ ok: true })
    expect(reached).toEqual([channel])
  })
})
