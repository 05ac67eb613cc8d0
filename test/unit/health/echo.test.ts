import { describe, expect, it } from 'vitest'
import { parseEchoBody } from '../../../src/main/health/echo'

describe('parseEchoBody', () => {
  it('ipify JSON', () => {
    expect(parseEchoBody('{"ip":"176.59.10.20"}')).toEqual({ ip: '176.59.10.20', version: 4 })
  })
  it('ipinfo JSON with country, city and org', () => {
    const body = JSON.stringify({ ip: '85.140.3.4', city: 'Kazan', region: 'Tatarstan', country: 'RU', org: 'AS25159 PJSC MegaFon' })
    expect(parseEchoBody(body)).toEqual({ ip: '85.140.3.4', version: 4, geo: { country: 'RU', city: 'Kazan', asn: 'AS25159', org: 'PJSC MegaFon' } })
  })
  it('ip-api JSON (query, countryCode, as)', () => {
    const body = JSON.stringify({ status: 'success', country: 'Russia', countryCode: 'RU', city: 'Moscow', isp: 'T2 Mobile', as: 'AS12958 T2 Mobile LLC', query: '176.59.1.2' })
    expect(parseEchoBody(body)).toEqual({ ip: '176.59.1.2', version: 4, geo: { country: 'RU', city: 'Moscow', asn: 'AS12958', org: 'T2 Mobile' } })
  })
  it('the simulator’s answer (asn, carrier)', () => {
    const body = JSON.stringify({ ip: '31.173.5.6', country: 'RU', city: 'Moscow', asn: 'AS31133', carrier: 'MegaFon', connection_id: 'c1' })
    expect(parseEchoBody(body)?.geo).toEqual({ country: 'RU', city: 'Moscow', asn: 'AS31133', org: 'MegaFon' })
  })
  it('a bare IP in plain text, IPv4 and IPv6', () => {
    expect(parseEchoBody('203.0.113.7\n')).toEqual({ ip: '203.0.113.7', version: 4 })
    expect(parseEchoBody('2001:db8::1')).toEqual({ ip: '2001:db8::1', version: 6 })
    expect(parseEchoBody('::ffff:10.0.0.1')).toEqual({ ip: '10.0.0.1', version: 4 })
  })
  it('anything else is not an echo answer', () => {
    for (const body of ['', '<!doctype html><html>1.2.3.4</html>', '{"ip":"not-an-ip"}', '{"status":"fail"}', '[1,2]', '{broken', 'your ip is 1.2.3.4']) {
      expect(parseEchoBody(body), body).toBeUndefined()
    }
  })
})
