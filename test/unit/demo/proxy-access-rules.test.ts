import { describe, expect, it } from 'vitest'
import {
  admitClient,
  compileAccess,
  connectHostFor,
  credentialsMatch,
  isLoopbackTarget,
  parseBasicAuth,
} from '../../../src/main/demo/proxy-listeners'
import { ipv6Bytes } from '../../../src/main/demo/proxy-listeners/socks5'
import { access } from './net-harness'

const NOW = Date.parse('2026-06-01T00:00:00Z')

describe('proxy access rules', () => {
  it('normalizes IPv4-mapped client addresses and ACL entries, and accepts CIDR ranges', () => {
    const rules = compileAccess(access({ aclInboundIps: ['127.0.0.1'] }))
    expect(admitClient(rules, '127.0.0.1', NOW)).toBe('ok')
    expect(admitClient(rules, '::ffff:127.0.0.1', NOW)).toBe('ok')
    expect(admitClient(rules, '127.0.0.2', NOW)).toBe('acl')
    expect(admitClient(rules, undefined, NOW)).toBe('acl')
    const mapped = compileAccess(access({ aclInboundIps: ['::ffff:10.0.0.1', '192.168.0.0/16', '2001:db8::1'] }))
    expect(admitClient(mapped, '10.0.0.1', NOW)).toBe('ok')
    expect(admitClient(mapped, '192.168.44.5', NOW)).toBe('ok')
    expect(admitClient(mapped, '2001:db8:0:0:0:0:0:1', NOW)).toBe('ok')
    expect(admitClient(mapped, '127.0.0.1', NOW)).toBe('acl')
    expect(admitClient(compileAccess(access({ aclInboundIps: [] })), '203.0.113.9', NOW)).toBe('ok')
  })

  it('treats expiry at the instant, and the zero date as never', () => {
    expect(admitClient(compileAccess(access({ expiresAt: '2026-06-01T00:00:00Z' })), '127.0.0.1', NOW)).toBe('expired')
    expect(admitClient(compileAccess(access({ expiresAt: '2026-06-01T00:00:01+00:00' })), '127.0.0.1', NOW)).toBe('ok')
    expect(admitClient(compileAccess(access({ expiresAt: '0001-01-01T00:00:00Z' })), '127.0.0.1', NOW)).toBe('ok')
  })

  it('compares credentials exactly; noauth accepts any', () => {
    const rules = compileAccess(access())
    expect(credentialsMatch(rules, 'alice', 's3cret')).toBe(true)
    expect(credentialsMatch(rules, 'alice', 's3cret ')).toBe(false)
    expect(credentialsMatch(rules, 'Alice', 's3cret')).toBe(false)
    const open = compileAccess(access({ authType: 'noauth', login: undefined, password: undefined }))
    expect(credentialsMatch(open, '', '')).toBe(true)
  })

  it('parses Basic proxy credentials, passwords with colons included', () => {
    const header = `Basic ${Buffer.from('bob:pa:ss').toString('base64')}`
    expect(parseBasicAuth(header)).toEqual({ login: 'bob', password: 'pa:ss' })
    expect(parseBasicAuth(undefined)).toBeUndefined()
    expect(parseBasicAuth('Digest abc')).toBeUndefined()
    expect(parseBasicAuth(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeUndefined()
  })

  it('allows only loopback targets, with localhost pinned to 127.0.0.1', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', '0:0:0:0:0:0:0:1', 'localhost', 'LOCALHOST.', '::ffff:127.0.0.1']) {
      expect(isLoopbackTarget(host), host).toBe(true)
    }
    for (const host of ['10.0.0.1', '128.0.0.1', '::2', 'example.com', 'localhost.example.com', '127.0.0.1.nip.io', '0.0.0.0', '']) {
      expect(isLoopbackTarget(host), host).toBe(false)
    }
    expect(connectHostFor('localhost')).toBe('127.0.0.1')
    expect(connectHostFor('[::1]')).toBe('::1')
  })

  it('encodes IPv6 addresses for SOCKS replies', () => {
    expect(ipv6Bytes('::1').toString('hex')).toBe('00000000000000000000000000000001')
    expect(ipv6Bytes('2001:db8::8:1').toString('hex')).toBe('20010db8000000000000000000080001')
  })
})
