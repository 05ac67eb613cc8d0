/** Pasted proxy URLs as upstreams, and what a relay logs: never a password. */
import { describe, expect, it } from 'vitest'
import { startRelay } from '../../../src/main/relay/relay'
import { maskSecrets } from '../../../src/main/log'
import { parseUpstreamUrl, UpstreamUrlError } from '../../../src/main/relay/upstream'
import { closedPort, curl } from './support'

describe('proxy URLs', () => {
  it('reads socks5, socks5h and http URLs with percent-encoded logins; the label has no password', () => {
    const u = parseUpstreamUrl('socks5://us%40er:p%3Ass@proxy.example:1080')
    expect(u).toMatchObject({ protocol: 'socks5', host: 'proxy.example', port: 1080, username: 'us@er', password: 'p:ss' })
    expect(u.label).toBe('socks5://us%40er@proxy.example:1080')
    expect(parseUpstreamUrl('socks5h://a:b@[::1]:9').host).toBe('::1')
    expect(parseUpstreamUrl('http://h:8080')).toMatchObject({ protocol: 'http', host: 'h', port: 8080 })
    expect(() => parseUpstreamUrl('ftp://a:b@h:21')).toThrow(UpstreamUrlError)
    expect(() => parseUpstreamUrl('socks5://h')).toThrow(/host and a port/)
    expect(() => parseUpstreamUrl('nonsense')).toThrow(/not a proxy URL/)
  })

  it('the log masker (the one the relays use) hides the password of any URL in a text', () => {
    expect(maskSecrets('via socks5://me:secret@h:1 and http://u:p@x:2')).toBe('via socks5://me:***@h:1 and http://u:***@x:2')
  })

  it('a relay whose upstream refuses logs the failure without the password', async () => {
    const lines: string[] = []
    const dead = await closedPort()
    const relay = await startRelay({ upstreams: [parseUpstreamUrl(`socks5://me:Sup3r-secret@127.0.0.1:${dead}`)], httpPort: 0, log: (l) => lines.push(l) })
    try {
      const port = relay.listeners[0]!.port
      const got = await curl(['-x', `http://127.0.0.1:${port}`, '-p', '-v', 'http://127.0.0.1:9/'])
      expect(got.stderr).toMatch(/502/)
      expect(relay.status().lastError?.kind).toBe('upstream_refused')
    } finally {
      await relay.close()
    }
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.join('\n')).toContain(`socks5://me@127.0.0.1:${dead}`)
    expect(lines.join('\n')).not.toContain('Sup3r-secret')
  })
})
