/**
 * Proxy passwords stay in main (issue 17, point 12): every `proxies.*` result the handler table gives the page
 * is free of passwords and of fields the docs do not name, while copying and health checks, which run in main,
 * still use the password; and the rejected lines of a pasted list come back masked, as the contract says.
 * Through the real core and handler table, on the demo simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toProxyAccessView } from '../../../src/main/iproxy/proxy-access-view'
import type { ParsedList } from '../../../src/shared/health'
import type { ProxyAccess } from '../../../src/shared/iproxy'
import { startDemoCore, type DemoCore } from './demo-core'

const SEEDED = 'Seeded-Pw-7q2x'
const CHANGED = 'Changed-Pw-9k4m'
let demo: DemoCore
const clipboard: string[] = []
const call = <T>(channel: string, input?: unknown): Promise<T> => demo.call<T>(channel, input)

beforeAll(async () => {
  demo = await startDemoCore({ name: 'proxies-for-page', desktop: { writeClipboard: (text) => void clipboard.push(text) } })
})
afterAll(() => demo.dispose())

/** Every key anywhere in `value`, as a path. */
function keyPaths(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${at}[${i}]`))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...keyPaths(v, `${at}.${k}`)])
  return []
}

describe('proxies reach the page without passwords', () => {
  it('list, listByConnection, create and update: no password value or key anywhere; main still copies it', async () => {
    const connections = await call<Array<{ id: string }>>('connections.list')
    const connId = connections[0]?.id as string
    const created = await call<{ id: string; auth?: { login: string } }>('proxies.create', {
      connId,
      body: { listen_service: 'http', auth_type: 'userpass', auth: { login: 'page-user', password: SEEDED } },
    })
    expect(created.auth).toEqual({ login: 'page-user' })
    const answers: unknown[] = [created, await call('proxies.list'), await call('proxies.listByConnection', { connId })]
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(SEEDED)
      expect(keyPaths(answer).filter((p) => /password$/.test(p))).toEqual([])
    }
    // The list holds the demo account's own proxies too, each with a login and none with a password.
    const all = answers[1] as Array<{ auth?: object }>
    expect(all.filter((p) => p.auth).length).toBeGreaterThan(1)

    const updated = await call('proxies.update', { connId, proxyId: created.id, body: { auth: { login: 'page-user', password: CHANGED } } })
    expect(JSON.stringify(updated)).not.toContain(CHANGED)
    expect(JSON.stringify(await call('proxies.list'))).not.toContain(CHANGED)

    // Copying runs in main, which reads the password from the API: the copied line has it.
    await call('exports.copyProxies', { proxyIds: [created.id], format: 'host:port:login:password', address: 'hostname' })
    expect(clipboard.at(-1)).toContain(`:page-user:${CHANGED}`)
  })

  it('leaves out fields the docs do not name, and keeps every documented one', () => {
    const access = {
      id: 'p1', connection_id: 'c1', description: 'd', listen_service: 'socks5', auth_type: 'userpass',
      auth: { login: 'u', password: SEEDED, hint: SEEDED }, acl_inbound_ips: ['1.1.1.1'], ip: '1.2.3.4', port: 1080,
      hostname: 'x.example', password_updated_at: '2025-07-11T18:05:18.622Z', expires_at: '2026-01-01T00:00:00Z',
      new_secret_field: { token: SEEDED },
    } as unknown as ProxyAccess
    expect(toProxyAccessView(access)).toEqual({
      id: 'p1', connection_id: 'c1', description: 'd', listen_service: 'socks5', auth_type: 'userpass', auth: { login: 'u' },
      acl_inbound_ips: ['1.1.1.1'], ip: '1.2.3.4', port: 1080, hostname: 'x.example',
      password_updated_at: '2025-07-11T18:05:18.622Z', expires_at: '2026-01-01T00:00:00Z',
    })
  })
})

describe('a pasted list through health.parseList', () => {
  it('rejected lines come back masked; the good lines keep their targets for the check', async () => {
    const parsed = await call<ParsedList>('health.parseList', {
      text: ['socks5://u:LinePw1@127.0.0.1:1080', 'u:LinePw2@bad host:1', 'h.example:99999@u:LinePw3', 'u:LinePw4:h.example'].join('\n'),
    })
    expect(parsed.items.map((i) => i.target.password)).toEqual(['LinePw1'])
    expect(parsed.rejected.map((r) => r.line)).toEqual(['u:***@bad host:1', 'h.example:99999@u:***', 'u:***'])
    expect(JSON.stringify(parsed.rejected)).not.toMatch(/LinePw/)
  })
})
