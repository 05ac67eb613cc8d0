/**
 * The hand-written validators in shared/validators.ts (shared code cannot use node:net), checked against node:net
 * where node has an answer.
 */
import { isIP } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  SETTINGS_FIELD_DESCRIPTIONS,
  TEAM_PERMISSIONS,

  updateSettingsRequestSchema,
} from '../../../src/shared/iproxy'
import { describeCronProblem, isCronExpression, isIPv4, isIPv6, isIpAddress, isRfc3339, toRfc3339 } from '../../../src/shared/validators'
import { teamAccess } from './seed-examples'

describe('IP addresses', () => {
  const valid4 = ['0.0.0.0', '1.1.1.1', '8.8.8.8', '255.255.255.255', '192.168.10.1']
  const invalid4 = ['256.1.1.1', '1.1.1', '1.1.1.1.1', '01.1.1.1', '1.1.1.-1', ' 1.1.1.1', '1.1.1.1 ', 'a.b.c.d', '']
  const valid6 = ['::', '::1', '2606:4700:4700::1111', 'fe80::1', '1:2:3:4:5:6:7:8', '1::', '1:2:3:4:5:6:7::', '::ffff:1.2.3.4', '64:ff9b::192.0.2.33', 'ABCD:ef01::']
  const invalid6 = [':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', ':1::', 'fe80::1%eth0', '::ffff:1.2.3', 'g::1', '1:2:3:4:5:6:7', '1.2.3.4::']

  it('agrees with node:net on IPv4', () => {
    for (const ip of valid4) expect([ip, isIPv4(ip)]).toEqual([ip, true])
    for (const ip of invalid4) expect([ip, isIPv4(ip)]).toEqual([ip, false])
    for (const ip of [...valid4, ...invalid4]) expect([ip, isIPv4(ip)]).toEqual([ip, isIP(ip) === 4])
  })

  it('agrees with node:net on IPv6', () => {
    for (const ip of valid6) expect([ip, isIPv6(ip)]).toEqual([ip, true])
    for (const ip of invalid6) expect([ip, isIPv6(ip)]).toEqual([ip, false])
    for (const ip of [...valid6, ...invalid6.filter((i) => !i.includes('%'))]) expect([ip, isIPv6(ip)]).toEqual([ip, isIP(ip) === 6])
  })

  it('takes either family as an IP address', () => {
    expect(isIpAddress('1.1.1.1') && isIpAddress('::1')).toBe(true)
    expect(isIpAddress('dns.google')).toBe(false)
  })
})

describe('cron expressions', () => {
  it('accepts standard 5-field expressions', () => {
    for (const expr of ['30 */3 * * *', '* * * * *', '0 4 * * 1-5', '0 0 1 JAN,JUL *', '15,45 8-18/2 ? * MON-FRI', '0 0 * * 7', '*/5 * * * *', '0 12 29 2 *', '5/15 * * * *']) {
      expect([expr, describeCronProblem(expr)]).toEqual([expr, undefined])
    }
  })

  it('names what is wrong with a bad one', () => {
    expect(describeCronProblem('* * * *')).toMatch(/expected 5 fields/)
    expect(describeCronProblem('* * * * * *')).toMatch(/got 6/)
    expect(describeCronProblem('60 * * * *')).toMatch(/minute/)
    expect(describeCronProblem('0 24 * * *')).toMatch(/hour/)
    expect(describeCronProblem('0 0 0 * *')).toMatch(/day-of-month/)
    expect(describeCronProblem('0 0 * 13 *')).toMatch(/month/)
    expect(describeCronProblem('0 0 * * 8')).toMatch(/day-of-week/)
    expect(describeCronProblem('0 0 * * 5-1')).toMatch(/backwards/)
    expect(describeCronProblem('*/0 * * * *')).toMatch(/step/)
    expect(describeCronProblem('? * * * *')).toMatch(/minute/)
    expect(describeCronProblem('@daily')).toMatch(/expected 5 fields/)
    expect(isCronExpression('1,,2 * * * *')).toBe(false)
  })
})

describe('RFC 3339 timestamps', () => {
  it('accepts what the docs use and rejects what the server would not parse', () => {
    for (const t of ['2026-01-01T01:01:01Z', '2025-08-01T03:00:00+03:00', '0001-01-01T00:00:00Z', '2045-07-06T18:23:09.787673959Z', '2024-02-29T00:00:00Z']) {
      expect([t, isRfc3339(t)]).toEqual([t, true])
    }
    for (const t of ['2026-01-01', '2026-01-01 01:01:01', '2025-02-29T00:00:00Z', '2025-13-01T00:00:00Z', '2025-01-01T24:00:00Z', '2025-01-01T00:00:00+0300', 'tomorrow']) {
      expect([t, isRfc3339(t)]).toEqual([t, false])
    }
  })

  it('writes a Date as RFC 3339 in UTC', () => {
    expect(toRfc3339(new Date('2025-07-01T02:00:00+02:00'))).toBe('2025-07-01T00:00:00Z')
    expect(toRfc3339(new Date('2025-07-01T00:00:00.5Z'))).toBe('2025-07-01T00:00:00.500Z')
  })
})

describe('constants for the UI', () => {
  it('describes every update-settings field', () => {
    expect(Object.keys(SETTINGS_FIELD_DESCRIPTIONS).sort()).toEqual(Object.keys(updateSettingsRequestSchema.shape).sort())
  })

  it('lists every team permission the docs show', () => {
    expect([...TEAM_PERMISSIONS].sort()).toEqual(Object.keys(teamAccess.permissions).sort())
  })
})
