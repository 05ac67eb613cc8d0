/**
 * Each error class from a real server answer (or a real network failure), what the user reads in it, and that
 * the API key never shows up in a message, a stack, a serialized error or a log line.
 */
import { createHash } from 'node:crypto'
import { inspect } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createIproxyClient,
  IproxyAbortError,
  IproxyAuthError,
  IproxyConnectionError,
  IproxyError,
  IproxyHttpError,
  IproxyNotFoundError,
  IproxyRateLimitError,
  IproxyResponseError,
  IproxyServerError,
  IproxyTimeoutError,
  IproxyValidationError,
  type IproxyClient,
} from '../../../src/main/iproxy'
import { toBridgeError } from '../../../src/main/bridge-errors'
import { closedPort, startFakeConsoleServer, type FakeConsoleServer } from '../../support/fake-console-server'
import * as seed from './seed-examples'

const API_KEY = 'sk-live-SECRET-7f3a9c2e4b1d'

async function failure(promise: Promise<unknown>): Promise<IproxyError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(IproxyError)
  return error as IproxyError
}

/** Every error produced in this file, checked for the key at the end. */
const produced: IproxyError[] = []
const logLines: string[] = []

describe('typed errors from real answers', () => {
  let server: FakeConsoleServer
  let client: IproxyClient

  beforeAll(async () => {
    server = await startFakeConsoleServer()
    client = createIproxyClient({
      apiKey: API_KEY, baseUrl: server.baseUrl, maxRetries: 0, timeoutMs: 300, log: (line) => logLines.push(line),
    })
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })
  beforeEach(() => server.reset())

  async function expectError<T extends IproxyError>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
    const error = await failure(promise)
    produced.push(error)
    expect(error).toBeInstanceOf(type)
    return error as T
  }

  it('401: IproxyAuthError says the key was rejected and keeps the server body', async () => {
    server.route('GET', '/me', { status: 401, json: { error: 'unauthorized' } })
    const error = await expectError(client.me.get(), IproxyAuthError)
    expect(error).toMatchObject({ status: 401, code: 'auth_rejected', method: 'GET', path: '/me', serverBody: { error: 'unauthorized' } })
    expect(error.message).toMatch(/API key was rejected/)
    expect(error.toBridgeError()).toEqual({
      code: 'auth_rejected', message: error.message, details: { status: 401, method: 'GET', path: '/me', serverBody: { error: 'unauthorized' }, serverMessage: 'unauthorized' },
    })
  })

  it('403: IproxyAuthError too, with the server message', async () => {
    server.route('GET', '/connections/c1', { status: 403, json: { message: 'no access to this connection' } })
    const error = await expectError(client.connections.get('c1'), IproxyAuthError)
    expect(error.status).toBe(403)
    expect(error.message).toMatch(/API key was rejected.*no access to this connection/)
  })

  it('a 401 body that echoes the key is kept with the key scrubbed', async () => {
    server.route('GET', '/me', { status: 401, json: { message: `invalid token Bearer ${API_KEY}`, got: API_KEY } })
    const error = await expectError(client.me.get(), IproxyAuthError)
    expect(error.serverBody).toEqual({ message: 'invalid token Bearer ***', got: '***' })
  })

  it('404: IproxyNotFoundError names what was asked for', async () => {
    server.route('DELETE', '/connections/c1/proxy-access/gone', { status: 404, json: { message: 'proxy access not found' } })
    const error = await expectError(client.proxies.delete('c1', 'gone'), IproxyNotFoundError)
    expect(error).toMatchObject({ status: 404, code: 'not_found', method: 'DELETE', path: '/connections/c1/proxy-access/gone' })
    expect(error.message).toMatch(/proxy access not found/)
  })

  it('400: IproxyValidationError carries the server message', async () => {
    server.route('POST', '/connections/c1/prolongate-plan', { status: 400, json: { message: 'days must be a multiple of 30' } })
    const error = await expectError(client.connections.prolongatePlan('c1', seed.prolongatePlanRequest), IproxyValidationError)
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', serverMessage: 'days must be a multiple of 30' })
    expect(error.message).toMatch(/days must be a multiple of 30/)
  })

  it('400 naming a field: the error carries it, so a form can show the message on that field', async () => {
    server.route('POST', '/connections/c1/update-settings', {
      status: 400,
      json: { error: { code: 'invalid_value', message: 'must be an IP address', field: 'dns' } },
    })
    const error = await expectError(client.connections.updateSettings('c1', { dns: ['1.1.1.1'] }), IproxyValidationError)
    expect(error.field).toBe('dns')
    expect(error.toBridgeError().details).toMatchObject({ field: 'dns', status: 400 })
  })

  it('422: IproxyValidationError reads a nested error message', async () => {
    server.route('POST', '/connections', { status: 422, json: { error: { message: 'server_id is unknown', code: 42 } } })
    const error = await expectError(client.connections.create({ name: 'n', server_id: 'nope' }), IproxyValidationError)
    expect(error.serverMessage).toBe('server_id is unknown')
    expect(error.serverBody).toEqual({ error: { message: 'server_id is unknown', code: 42 } })
  })

  it('429: IproxyRateLimitError tells how long to wait', async () => {
    server.route('POST', '/connections/c1/pin-code', { status: 429, headers: { 'retry-after': '120' }, json: { message: 'slow down' } })
    const error = await expectError(client.connections.createPinCode('c1'), IproxyRateLimitError)
    expect(error.retryAfterMs).toBe(120_000)
    expect(error.message).toMatch(/Wait 2 min/)
    expect(error.toBridgeError().details).toMatchObject({ retryAfterMs: 120_000 })
  })

  it('5xx: IproxyServerError keeps an HTML error page as text', async () => {
    server.route('GET', '/connections', { status: 502, text: '<html><body>Bad Gateway</body></html>' })
    const error = await expectError(client.connections.list(), IproxyServerError)
    expect(error).toMatchObject({ status: 502, code: 'server_error', serverBody: '<html><body>Bad Gateway</body></html>' })
    expect(error.serverMessage).toBeUndefined()
    expect(error.message).toMatch(/HTTP 502/)
  })

  it('an undocumented status: IproxyHttpError', async () => {
    server.route('DELETE', '/connections/c1', { status: 409, json: { message: 'connection has an active plan' } })
    const error = await expectError(client.connections.delete('c1', { reason: 'mistake' }), IproxyHttpError)
    expect(error.message).toMatch(/HTTP 409.*active plan/)
  })

  it('408 on the last attempt: IproxyTimeoutError with the status', async () => {
    server.route('GET', '/me', { status: 408, json: {} })
    const error = await expectError(client.me.get(), IproxyTimeoutError)
    expect(error.status).toBe(408)
  })

  it('connection refused: IproxyConnectionError says what to check', async () => {
    const port = await closedPort()
    const offline = createIproxyClient({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}/api/console/v1/`, maxRetries: 0 })
    const error = await expectError(offline.me.get(), IproxyConnectionError)
    expect(error).toMatchObject({ status: 0, code: 'connection_failed' })
    expect(error.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED.*refused`))
    await offline.close()
  })

  it('no answer in time: IproxyTimeoutError', async () => {
    server.route('GET', '/me', { hang: true })
    const error = await expectError(client.me.get(), IproxyTimeoutError)
    expect(error).toMatchObject({ status: 0, code: 'timeout' })
    expect(error.message).toMatch(/did not answer GET \/me within 300 ms/)
  })

  it('cancelled by the caller: IproxyAbortError', async () => {
    const controller = new AbortController()
    server.route('GET', '/connections', () => {
      controller.abort()
      return { hang: true }
    })
    const error = await expectError(client.connections.list({ signal: controller.signal }), IproxyAbortError)
    expect(error).toMatchObject({ status: 0, code: 'aborted', path: '/connections' })
  })

  it('a 200 that is not JSON: IproxyResponseError', async () => {
    server.route('GET', '/me', { text: '<html>captive portal</html>' })
    const error = await expectError(client.me.get(), IproxyResponseError)
    expect(error).toMatchObject({ status: 200, code: 'bad_response' })
    expect(error.message).toMatch(/not JSON/)
  })

  it('a 200 that does not fit: IproxyResponseError names the bad field', async () => {
    const broken = { connections: [seed.connection, { ...seed.justCreatedConnection, basic_info: { ...seed.justCreatedConnection.basic_info, name: 42 } }] }
    server.route('GET', '/connections', { json: broken })
    const error = await expectError(client.connections.list(), IproxyResponseError)
    expect(error.field).toBe('connections.1.basic_info.name')
    expect(error.message).toMatch(/connections\.1\.basic_info\.name: .*expected string/)
    expect(error.serverBody).toBeUndefined()
  })

  it('a VPN config whose SHA-1 does not match: IproxyResponseError on config_sha1', async () => {
    server.route('GET', '/connections/c1/ovpn-access/v1/config', {
      json: { config_base64: Buffer.from('client\n').toString('base64'), config_sha1: createHash('sha1').update('other').digest('hex') },
    })
    const error = await expectError(client.vpn.getConfig('c1', 'v1'), IproxyResponseError)
    expect(error.field).toBe('config_sha1')
    expect(error.message).toMatch(/does not match its SHA-1/)
  })

  it('an action link failure does not reveal the link id', async () => {
    server.route('GET', '/actionlinks/do/reboot/SECRETLINKID', { status: 500, json: { message: 'oops' } })
    const error = await expectError(client.actionLinks.execute(`${server.origin}/actionlinks/do/reboot/SECRETLINKID`), IproxyServerError)
    expect(error.path).toBe('/actionlinks/do/reboot/***')
    expect(JSON.stringify(error) + error.message + logLines.join('\n')).not.toContain('SECRETLINKID')
  })

  it('a client-side validation failure is typed too', async () => {
    const error = await expectError(client.connections.updateSettings('c1', { dns: ['nope'] }), IproxyValidationError)
    expect(error).toMatchObject({ status: 0, code: 'invalid_request', field: 'dns.0' })
  })

  it('never shows the API key in a message, stack, JSON, inspection or log line', () => {
    const classes = new Set(produced.map((e) => e.constructor.name))
    expect([...classes].sort()).toEqual([
      'IproxyAbortError', 'IproxyAuthError', 'IproxyConnectionError', 'IproxyHttpError', 'IproxyNotFoundError',
      'IproxyRateLimitError', 'IproxyResponseError', 'IproxyServerError', 'IproxyTimeoutError', 'IproxyValidationError',
    ])
    for (const error of produced) {
      for (const text of [error.message, String(error.stack), JSON.stringify(error), JSON.stringify(error.toBridgeError()), inspect(error, { depth: 20 }), String(error)]) {
        expect(text).not.toContain(API_KEY)
        expect(text).not.toContain('SECRET-7f3a')
      }
    }
    expect(logLines.length).toBeGreaterThan(10)
    expect(logLines.join('\n')).not.toContain(API_KEY)
    expect(logLines.some((l) => l.includes('"authorization":"Bearer ***"'))).toBe(true)
  })

  it('crosses the bridge as its own code and message (UserFacingError)', () => {
    const unexpected: unknown[] = []
    for (const error of produced) {
      const shape = toBridgeError(error, (_message, err) => unexpected.push(err))
      expect(shape).toEqual(error.toBridgeError())
      expect(shape.details).toMatchObject({ status: error.status, method: error.method, path: error.path })
    }
    expect(unexpected).toEqual([])
  })

  it('does not expose the key as a property of the client', () => {
    expect(inspect(client, { depth: 20, showHidden: true })).not.toContain(API_KEY)
    expect(JSON.stringify(client)).not.toContain(API_KEY)
  })
})

describe('lenient response parsing', () => {
  let server: FakeConsoleServer
  let client: IproxyClient

  beforeAll(async () => {
    server = await startFakeConsoleServer()
    client = createIproxyClient({ apiKey: API_KEY, baseUrl: server.baseUrl, maxRetries: 0 })
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })
  beforeEach(() => server.reset())

  it('lets unknown fields through', async () => {
    server.route('GET', '/connections/c1', { json: { ...seed.connection, brand_new_field: { x: 1 }, settings: { ...seed.settings, future_setting: 3 } } })
    const connection = await client.connections.get('c1')
    expect(connection).toMatchObject({ brand_new_field: { x: 1 }, settings: { future_setting: 3 } })
  })

  it('turns null or missing lists into empty arrays (Go nil slices)', async () => {
    server.route('GET', '/connections', { json: { connections: null } })
    server.route('GET', '/proxy-access', { json: {} })
    server.route('GET', '/connections/c1', { json: { ...seed.justCreatedConnection, shared_users: null, settings: { ...seed.settings, dns: null, tariff_notify_hours_before_expired: null } } })
    expect(await client.connections.list()).toEqual([])
    expect(await client.proxies.list()).toEqual([])
    const c = await client.connections.get('c1')
    expect([c.shared_users, c.settings.dns, c.settings.tariff_notify_hours_before_expired]).toEqual([[], [], []])
  })

  it('accepts the fields the docs show absent (no plan, no app data, nodata status, noauth proxy)', async () => {
    server.route('GET', '/connections-status', { json: { connections: [{ connection_id: 'c2', online_status: 'nodata' }] } })
    server.route('GET', '/proxy-access', {
      json: { proxy_accesses: [{ id: 'p', connection_id: 'c', listen_service: 'http', auth_type: 'noauth', acl_inbound_policy: 'deny_except', acl_inbound_ips: ['1.2.3.4'], ip: '1.2.3.4', port: 1, hostname: 'h', expires_at: '2026-01-01T01:01:01Z' }] },
    })
    expect(await client.connections.statuses()).toEqual([{ connection_id: 'c2', online_status: 'nodata' }])
    expect((await client.proxies.list())[0]?.auth).toBeUndefined()
  })

  it('reads a balance sent as a number as text', async () => {
    server.route('GET', '/me', { json: { ...seed.userInfo, balance: 15.89 } })
    expect((await client.me.get()).balance).toBe('15.89')
  })
})
