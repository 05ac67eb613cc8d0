/**
 * An IP-authorised proxy (no login, no password) is written without any `login:password@` part, in every format
 * and in templates: `socks5://host:port`, never `socks5://:@host:port` (issue 18, point 3).
 */
import { describe, expect, it } from 'vitest'
import { PROXY_FORMATS, formatProxies, type ExportableProxy, type ProxyFormat } from '../../../src/shared/proxy-list/format'
import { DEFAULT_TEMPLATE } from '../../../src/shared/proxy-list/template'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'

const noauth: ExportableProxy = {
  id: 'NoAuth1', connection_id: 'ksdfmw343', listen_service: 'socks5', auth_type: 'noauth', ip: '5.6.7.8', port: 20000, hostname: 'x2.fxdx.in',
}
/** The API may also send userpass with no `auth` object at all: no credentials either. */
const noAuthObject: ExportableProxy = { ...noauth, id: 'NoAuth2', listen_service: 'http', auth_type: 'userpass', port: 20001 }
const userpass: ExportableProxy = { ...noauth, id: 'User1', auth_type: 'userpass', auth: { login: 'bob', password: 's3cret' }, port: 20002 }

const line = (format: ProxyFormat, p: ExportableProxy, template?: string) =>
  formatProxies([p], { format, address: 'hostname', ...(template ? { template } : {}) }).text.trimEnd()

describe('no credentials, no userinfo: every format', () => {
  const expected: Record<Exclude<ProxyFormat, 'template'>, string> = {
    'host:port:login:password': 'x2.fxdx.in:20000',
    'login:password@host:port': 'x2.fxdx.in:20000',
    url: 'socks5://x2.fxdx.in:20000',
    'host:port': 'x2.fxdx.in:20000',
    csv: 'ksdfmw343,NoAuth1,socks5,noauth,x2.fxdx.in,5.6.7.8,20000,,,,',
    json: '',
  }
  for (const format of PROXY_FORMATS) {
    if (format === 'template' || format === 'json') continue
    it(format, () => {
      const out = line(format, noauth)
      expect(format === 'csv' ? out.split('\n')[1] : out).toBe(format === 'csv' ? `,${expected.csv}` : expected[format])
      expect(out).not.toContain(':@')
      expect(out).not.toMatch(/(^|[/,]):?@/)
    })
  }
  it('json: empty login and password fields, no URL with an empty userinfo', () => {
    const [row] = JSON.parse(line('json', noauth)) as Array<Record<string, unknown>>
    expect(row).toMatchObject({ login: '', password: '', hostname: 'x2.fxdx.in', port: 20000, auth_type: 'noauth' })
  })
  it('an access with no auth object is written the same way', () => {
    expect(line('url', noAuthObject)).toBe('http://x2.fxdx.in:20001')
    expect(line('template', noAuthObject, DEFAULT_TEMPLATE)).toBe('http://x2.fxdx.in:20001')
  })
})

describe('templates drop the credentials part for a proxy without credentials', () => {
  const cases: Array<[string, string, string]> = [
    [DEFAULT_TEMPLATE, 'socks5://x2.fxdx.in:20000', 'socks5://bob:s3cret@x2.fxdx.in:20002'],
    ['{service}://{login_url}:{password_url}@{host}:{port}', 'socks5://x2.fxdx.in:20000', 'socks5://bob:s3cret@x2.fxdx.in:20002'],
    ['{login}:{password}@{host}:{port}', 'x2.fxdx.in:20000', 'bob:s3cret@x2.fxdx.in:20002'],
    ['{host}:{port}:{login}:{password}', 'x2.fxdx.in:20000', 'x2.fxdx.in:20002:bob:s3cret'],
    ['{login}:{password}:{host}:{port}', 'x2.fxdx.in:20000', 'bob:s3cret:x2.fxdx.in:20002'],
    ['{host}:{port}@{login}:{password}', 'x2.fxdx.in:20000', 'x2.fxdx.in:20002@bob:s3cret'],
    // A column in the middle keeps its separators, so the columns after it stay in place.
    ['{host};{login};{password};{port}', 'x2.fxdx.in;;;20000', 'x2.fxdx.in;bob;s3cret;20002'],
    ['{proxy_id} {host}:{port}', 'NoAuth1 x2.fxdx.in:20000', 'User1 x2.fxdx.in:20002'],
  ]
  for (const [template, withoutAuth, withAuth] of cases) {
    it(template, () => {
      expect(line('template', noauth, template)).toBe(withoutAuth)
      expect(line('template', userpass, template)).toBe(withAuth)
    })
  }

  it('mixed lists: each line by its own proxy, and the lines read back as the same proxies', () => {
    const out = formatProxies([userpass, noauth], { format: 'template', address: 'hostname', template: DEFAULT_TEMPLATE })
    expect(out.text).toBe('socks5://bob:s3cret@x2.fxdx.in:20002\nsocks5://x2.fxdx.in:20000\n')
    expect(out.notes).toEqual([{ kind: 'noauth_without_credentials', count: 1, proxyIds: ['NoAuth1'] }])
    const parsed = parseProxyLines(out.text)
    expect(parsed.rejected).toEqual([])
    expect(parsed.proxies.map((p) => [p.service, p.port, p.login])).toEqual([['socks5', 20002, 'bob'], ['socks5', 20000, undefined]])
  })
})
