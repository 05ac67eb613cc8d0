/**
 * Every call of the client against a real loopback server: what goes on the wire (method, path, query, body,
 * headers) and what the caller gets back, using the docs' own example answers.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createIproxyClient, type IproxyClient } from '../../../src/main/iproxy'
import { startFakeConsoleServer, type FakeConsoleServer } from '../../support/fake-console-server'
import * as seed from './seed-examples'

const API_KEY = 'test-key-endpoints-0123456789'

interface Case {
  name: string
  call: (client: IproxyClient, server: FakeConsoleServer) => Promise<unknown>
  method: 'GET' | 'POST' | 'DELETE'
  /** As received, relative to /api/console/v1 (or absolute for the action link). */
  path: string
  query?: Record<string, string>
  /** The JSON body expected on the wire; absent means no body at all. */
  body?: unknown
  status?: number
  reply: unknown
  result: unknown
}

const ovpnText = 'client\ndev tun\nproto udp\nremote x1.fxdx.in 1194\n'
const ovpnBase64 = Buffer.from(ovpnText).toString('base64')
const ovpnSha1 = createHash('sha1').update(ovpnText).digest('hex')

const cases: Case[] = [
  { name: 'me.get', call: (c) => c.me.get(), method: 'GET', path: '/me', reply: seed.userInfo, result: seed.userInfo },
  {
    name: 'me.updateBasicInfo',
    call: (c) => c.me.updateBasicInfo({ display_name: 'John Doe', telegram: '@username', proxy_prefix: 'prefix' }),
    method: 'POST', path: '/me/update-basic-info',
    body: { display_name: 'John Doe', telegram: '@username', proxy_prefix: 'prefix' },
    reply: seed.updatedUserBasicInfo, result: seed.updatedUserBasicInfo,
  },
  { name: 'me.rotateApiKey', call: (c) => c.me.rotateApiKey(), method: 'POST', path: '/me/api-key', reply: seed.newApiKey, result: seed.newApiKey },
  {
    name: 'connections.list (unwrapped)', call: (c) => c.connections.list(), method: 'GET', path: '/connections',
    reply: seed.connectionList, result: seed.connectionList.connections,
  },
  {
    name: 'connections.get', call: (c) => c.connections.get('2W1IlyssyF'), method: 'GET', path: '/connections/2W1IlyssyF',
    reply: seed.connection, result: seed.connection,
  },
  {
    name: 'connections.get percent-encodes the id', call: (c) => c.connections.get('a/b c'), method: 'GET',
    path: '/connections/a%2Fb%20c', reply: seed.connection, result: seed.connection,
  },
  {
    name: 'connections.create',
    call: (c) => c.connections.create({ name: 'connection_name', description: 'd', prolongation_enabled: true, country: 'us', city: 'nyc' }),
    method: 'POST', path: '/connections', status: 201,
    body: { name: 'connection_name', description: 'd', prolongation_enabled: true, country: 'us', city: 'nyc' },
    reply: seed.createdConnection, result: seed.createdConnection,
  },
  {
    name: 'connections.updateBasicInfo',
    call: (c) => c.connections.updateBasicInfo('connection_id', { name: 'new_name', description: 'new_description' }),
    method: 'POST', path: '/connections/connection_id/update-basic-info', body: { name: 'new_name', description: 'new_description' },
    reply: seed.updatedConnectionBasicInfo, result: seed.updatedConnectionBasicInfo,
  },
  {
    name: 'connections.updateSettings',
    call: (c) => c.connections.updateSettings('c1', seed.updateSettingsRequest),
    method: 'POST', path: '/connections/c1/update-settings', body: seed.updateSettingsRequest,
    reply: seed.updatedSettings, result: seed.updatedSettings,
  },
  {
    name: 'connections.modifyTeamAccess',
    call: (c) => c.connections.modifyTeamAccess('c1', seed.modifyTeamAccessRequest),
    method: 'POST', path: '/connections/c1/team-access/modify', body: seed.modifyTeamAccessRequest,
    reply: seed.teamAccess, result: seed.teamAccess,
  },
  {
    name: 'connections.removeTeamAccess',
    call: (c) => c.connections.removeTeamAccess('c1', { email: 'teammate@example.com' }),
    method: 'POST', path: '/connections/c1/team-access/remove', body: { email: 'teammate@example.com' },
    reply: seed.removedTeamAccess, result: seed.removedTeamAccess,
  },
  {
    name: 'connections.changePlan',
    call: (c) => c.connections.changePlan('c1', seed.changePlanRequest),
    method: 'POST', path: '/connections/c1/change-plan', body: seed.changePlanRequest,
    reply: seed.changePlanResult, result: seed.changePlanResult,
  },
  {
    name: 'connections.prolongatePlan',
    call: (c) => c.connections.prolongatePlan('c1', seed.prolongatePlanRequest),
    method: 'POST', path: '/connections/c1/prolongate-plan', body: seed.prolongatePlanRequest,
    reply: seed.prolongatePlanResult, result: seed.prolongatePlanResult,
  },
  {
    name: 'connections.delete sends its reason as a JSON body',
    call: (c) => c.connections.delete('c1', { reason: 'does_not_need' }),
    method: 'DELETE', path: '/connections/c1', body: { reason: 'does_not_need' },
    reply: seed.deletedConnection, result: seed.deletedConnection,
  },
  {
    name: 'connections.recreate',
    call: (c) => c.connections.recreate(seed.recreateConnectionRequest),
    method: 'POST', path: '/recreate-connection', status: 201, body: seed.recreateConnectionRequest,
    reply: seed.recreatedConnection, result: seed.recreatedConnection,
  },
  {
    name: 'connections.smsHistory (unwrapped)', call: (c) => c.connections.smsHistory('c1'), method: 'GET',
    path: '/connections/c1/sms-history', reply: seed.smsHistory, result: seed.smsHistory.sms_messages,
  },
  {
    name: 'connections.pushCommand uses the singular /connection/ path',
    call: (c) => c.connections.pushCommand('c1', { action: 'reboot' }),
    method: 'POST', path: '/connection/c1/command-push', body: { action: 'reboot' },
    reply: seed.commandSent, result: seed.commandSent,
  },
  {
    name: 'connections.pushCommand toggle_proxy with its params',
    call: (c) => c.connections.pushCommand('c1', { action: 'toggle_proxy', toggle_proxy_params: { enabled: false } }),
    method: 'POST', path: '/connection/c1/command-push', body: { action: 'toggle_proxy', toggle_proxy_params: { enabled: false } },
    reply: { message: 'toggle_proxy command has been sent' }, result: { message: 'toggle_proxy command has been sent' },
  },
  {
    name: 'connections.statuses (unwrapped)', call: (c) => c.connections.statuses(), method: 'GET', path: '/connections-status',
    reply: seed.connectionStatuses, result: seed.connectionStatuses.connections,
  },
  {
    name: 'connections.createPinCode', call: (c) => c.connections.createPinCode('c1'), method: 'POST',
    path: '/connections/c1/pin-code', reply: seed.pinCode, result: seed.pinCode,
  },
  {
    name: 'connections.createApiKey', call: (c) => c.connections.createApiKey('c1'), method: 'POST',
    path: '/connections/c1/api-key', reply: seed.connectionApiKey, result: seed.connectionApiKey,
  },
  {
    name: 'proxies.list (unwrapped)', call: (c) => c.proxies.list(), method: 'GET', path: '/proxy-access',
    reply: seed.proxyAccessList, result: seed.proxyAccessList.proxy_accesses,
  },
  {
    name: 'proxies.listByConnection (unwrapped)', call: (c) => c.proxies.listByConnection('2W1IlyssyF'), method: 'GET',
    path: '/connections/2W1IlyssyF/proxy-access', reply: seed.proxyAccessList, result: seed.proxyAccessList.proxy_accesses,
  },
  {
    name: 'proxies.create',
    call: (c) => c.proxies.create('2W1IlyssyF', { listen_service: 'socks5', auth_type: 'userpass', description: 'new proxy description' }),
    method: 'POST', path: '/connections/2W1IlyssyF/proxy-access', status: 201,
    body: { listen_service: 'socks5', auth_type: 'userpass', description: 'new proxy description' },
    reply: seed.createdProxyAccess, result: seed.createdProxyAccess,
  },
  {
    name: 'proxies.create noauth with an inbound ACL',
    call: (c) => c.proxies.create('c1', { listen_service: 'http', auth_type: 'noauth', acl_inbound_policy: 'deny_except', acl_inbound_ips: ['127.0.0.1'], expires_at: '2026-01-01T01:01:01Z' }),
    method: 'POST', path: '/connections/c1/proxy-access', status: 201,
    body: { listen_service: 'http', auth_type: 'noauth', acl_inbound_policy: 'deny_except', acl_inbound_ips: ['127.0.0.1'], expires_at: '2026-01-01T01:01:01Z' },
    reply: seed.createdProxyAccess, result: seed.createdProxyAccess,
  },
  {
    name: 'proxies.update',
    call: (c) => c.proxies.update('ksdfmw343', 'k31kcls', seed.updateProxyAccessRequest),
    method: 'POST', path: '/connections/ksdfmw343/proxy-access/k31kcls/update', body: seed.updateProxyAccessRequest,
    reply: seed.updatedProxyAccess, result: seed.updatedProxyAccess,
  },
  {
    name: 'proxies.delete', call: (c) => c.proxies.delete('c1', '4cbI8O21Rd'), method: 'DELETE',
    path: '/connections/c1/proxy-access/4cbI8O21Rd', reply: seed.deletedProxyAccess, result: seed.deletedProxyAccess,
  },
  {
    name: 'vpn.list (unwrapped)', call: (c) => c.vpn.list(), method: 'GET', path: '/ovpn-access',
    reply: seed.ovpnAccessList, result: seed.ovpnAccessList.ovpn_accesses,
  },
  {
    name: 'vpn.listByConnection (unwrapped)', call: (c) => c.vpn.listByConnection('c1'), method: 'GET',
    path: '/connections/c1/ovpn-access', reply: seed.ovpnAccessList, result: seed.ovpnAccessList.ovpn_accesses,
  },
  {
    name: 'vpn.create', call: (c) => c.vpn.create('c1', { name: 'new VPN name', description: 'new VPN description' }),
    method: 'POST', path: '/connections/c1/ovpn-access', status: 201, body: { name: 'new VPN name', description: 'new VPN description' },
    reply: seed.createdOvpnAccess, result: seed.createdOvpnAccess,
  },
  {
    name: 'vpn.update',
    call: (c) => c.vpn.update('c1', 'ovpn_id', { name: 'VPN name', description: 'VPN description', expires_at: '2026-01-01T01:01:01Z' }),
    method: 'POST', path: '/connections/c1/ovpn-access/ovpn_id/update',
    body: { name: 'VPN name', description: 'VPN description', expires_at: '2026-01-01T01:01:01Z' },
    reply: seed.ovpnAccess, result: seed.ovpnAccess,
  },
  {
    name: 'vpn.delete', call: (c) => c.vpn.delete('c1', 'ovpn_id'), method: 'DELETE', path: '/connections/c1/ovpn-access/ovpn_id',
    reply: seed.deletedOvpnAccess, result: seed.deletedOvpnAccess,
  },
  {
    name: 'vpn.getConfig decodes the config and checks its SHA-1',
    call: (c) => c.vpn.getConfig('c1', 'ovpn_id'), method: 'GET', path: '/connections/c1/ovpn-access/ovpn_id/config',
    reply: { config_base64: ovpnBase64, config_sha1: ovpnSha1 },
    result: { config_base64: ovpnBase64, config_sha1: ovpnSha1, config: ovpnText },
  },
  {
    name: 'stats.trafficByDay with a Date, an offset time and a timezone',
    call: (c) => c.stats.trafficByDay('c1', { from: new Date('2025-07-01T00:00:00Z'), to: '2025-08-01T03:00:00+03:00', timezone: 'Europe/Lisbon' }),
    method: 'GET', path: '/connections/c1/traffic/by-day',
    query: { from: '2025-07-01T00:00:00Z', to: '2025-08-01T03:00:00+03:00', timezone: 'Europe/Lisbon' },
    reply: seed.trafficByDay, result: seed.trafficByDay,
  },
  {
    name: 'stats.trafficByHourPort (unwrapped)',
    call: (c) => c.stats.trafficByHourPort('c1', { from: '2025-07-01T00:00:00Z', to: '2025-08-02T03:00:00+03:00' }),
    method: 'GET', path: '/connections/c1/traffic/by-hour-port', query: { from: '2025-07-01T00:00:00Z', to: '2025-08-02T03:00:00+03:00' },
    reply: seed.trafficByHourPort, result: seed.trafficByHourPort.port_stats,
  },
  {
    name: 'stats.uptime (unwrapped)',
    call: (c) => c.stats.uptime('c1', { from: '2025-07-01T00:00:00Z', to: new Date('2025-08-02T00:00:00.250Z') }),
    method: 'GET', path: '/connections/c1/uptime', query: { from: '2025-07-01T00:00:00Z', to: '2025-08-02T00:00:00.250Z' },
    reply: seed.uptime, result: seed.uptime.uptime,
  },
  {
    name: 'stats.ipHistory (unwrapped)',
    call: (c) => c.stats.ipHistory('c1', { from: '2025-03-01T00:00:00Z', to: '2025-03-02T03:00:00+03:00' }),
    method: 'GET', path: '/connections/c1/ip-history', query: { from: '2025-03-01T00:00:00Z', to: '2025-03-02T03:00:00+03:00' },
    reply: seed.ipHistory, result: seed.ipHistory.ip_history,
  },
  {
    name: 'actionLinks.list (unwrapped)', call: (c) => c.actionLinks.list(), method: 'GET', path: '/actionlinks',
    reply: seed.actionLinkList, result: seed.actionLinkList.action_links,
  },
  {
    name: 'actionLinks.listByConnection (unwrapped)', call: (c) => c.actionLinks.listByConnection('abcdABCD'), method: 'GET',
    path: '/connections/abcdABCD/actionlinks', reply: seed.actionLinkList, result: seed.actionLinkList.action_links,
  },
  {
    name: 'actionLinks.create', call: (c) => c.actionLinks.create('c1', { action: 'changeip', comment: 'link for client AAAA' }),
    method: 'POST', path: '/connections/c1/actionlinks', status: 201, body: { action: 'changeip', comment: 'link for client AAAA' },
    reply: seed.createdActionLink, result: seed.createdActionLink,
  },
  {
    name: 'actionLinks.delete', call: (c) => c.actionLinks.delete('c1', 'xyzXYZ'), method: 'DELETE',
    path: '/connections/c1/actionlinks/xyzXYZ', reply: seed.deletedActionLink, result: seed.deletedActionLink,
  },
  {
    name: 'actionLinks.execute requests the link itself',
    call: (c, s) => c.actionLinks.execute({ ...seed.actionLinkList.action_links[0]!, link: `${s.origin}/actionlinks/do/reboot/xyzXYZ` }),
    method: 'GET', path: '/actionlinks/do/reboot/xyzXYZ', reply: seed.actionLinkExecuted, result: seed.actionLinkExecuted,
  },
]

describe('iProxy client endpoints', () => {
  let server: FakeConsoleServer
  let client: IproxyClient

  beforeAll(async () => {
    server = await startFakeConsoleServer()
    client = createIproxyClient({ apiKey: API_KEY, baseUrl: server.baseUrl })
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })
  beforeEach(() => server.reset())

  for (const c of cases) {
    it(`${c.name}: ${c.method} ${c.path}`, async () => {
      server.route(c.method, c.path, { status: c.status ?? 200, json: c.reply })

      const result = await c.call(client, server)

      expect(result).toEqual(c.result)
      expect(server.requests).toHaveLength(1)
      const [req] = server.requests
      expect(req?.method).toBe(c.method)
      expect(req?.path).toBe(c.path)
      expect(Object.fromEntries(req?.query ?? [])).toEqual(c.query ?? {})
      if (c.body === undefined) {
        expect(req?.bodyText).toBe('')
      } else {
        expect(req?.headers['content-type']).toBe('application/json')
        expect(req?.json).toEqual(c.body)
      }
      if (c.path.startsWith('/actionlinks/do/')) {
        expect(req?.headers.authorization).toBeUndefined()
      } else {
        expect(req?.headers.authorization).toBe(`Bearer ${API_KEY}`)
      }
    })
  }

  it('covers every call of the public surface', () => {
    const surface = Object.entries(client)
      .filter(([, v]) => typeof v === 'object' && v !== null)
      .flatMap(([ns, v]) => Object.keys(v as object).map((m) => `${ns}.${m}`))
    const covered = new Set(cases.map((c) => c.name.split(' ')[0]))
    expect(surface.filter((name) => !covered.has(name))).toEqual([])
    expect(surface).toHaveLength(39)
  })

  it('sends from/to URL-encoded as RFC 3339 on the wire', async () => {
    server.route('GET', '/connections/c1/traffic/by-day', { json: seed.trafficByDay })
    await client.stats.trafficByDay('c1', { from: '2025-07-01T00:00:00Z', to: '2025-08-01T03:00:00+03:00' })
    expect(server.requests[0]?.rawUrl).toBe(
      '/api/console/v1/connections/c1/traffic/by-day?from=2025-07-01T00%3A00%3A00Z&to=2025-08-01T03%3A00%3A00%2B03%3A00',
    )
  })

  it('reuses one keep-alive connection for consecutive calls', async () => {
    server.route('GET', '/me', { json: seed.userInfo })
    const before = server.connectionCount
    for (let i = 0; i < 5; i++) await client.me.get()
    expect(server.connectionCount - before).toBeLessThanOrEqual(1)
  })

  it('accepts a base URL without a trailing slash', async () => {
    const other = createIproxyClient({ apiKey: API_KEY, baseUrl: server.baseUrl.replace(/\/$/, '') })
    server.route('GET', '/me', { json: seed.userInfo })
    await expect(other.me.get()).resolves.toEqual(seed.userInfo)
    expect(server.requests[0]?.rawUrl).toBe('/api/console/v1/me')
    await other.close()
  })
})
