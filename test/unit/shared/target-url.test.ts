/** `targetUrl`: what "Copy working proxies" puts on the clipboard, one line a proxy, read back by the list parser. */
import { describe, expect, it } from 'vitest'
import { targetUrl, type HealthTarget } from '../../../src/shared/health'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'

describe('targetUrl', () => {
  it('writes the protocol, percent-encoded credentials, and IPv6 in brackets', () => {
    expect(targetUrl({ protocol: 'socks5', host: 'x1.fxdx.in', port: 13874, username: 'user', password: 'p@ss:w/ord %✓' })).toBe(
      'socks5://user:p%40ss%3Aw%2Ford%20%25%E2%9C%93@x1.fxdx.in:13874',
    )
    expect(targetUrl({ protocol: 'http', host: '2001:db8::1', port: 8080 })).toBe('http://[2001:db8::1]:8080')
  })

  it('reads back as the same proxies', () => {
    const targets: HealthTarget[] = [
      { protocol: 'socks5', host: 'x1.fxdx.in', port: 13874, username: 'us:er', password: 'p@ss:w/ord %✓' },
      { protocol: 'http', host: '2001:db8::1', port: 8080 },
      { protocol: 'http', host: '10.0.0.1', port: 3128, username: 'u', password: 'p' },
    ]
    const { proxies, rejected } = parseProxyLines(targets.map(targetUrl).join('\n'))
    expect(rejected).toEqual([])
    expect(proxies.map((p) => ({ protocol: p.service, host: p.host, port: p.port, ...(p.login !== undefined ? { username: p.login, password: p.password } : {}) }))).toEqual(targets)
  })
})
