/** ui/banner-text.ts: what the "Could not refresh" banner says when one or several lists failed (issue 18, point 5). */
import { describe, expect, it } from 'vitest'
import { asSentence, bannerReasons } from '../../../src/renderer/src/ui/banner-text'

const serverDown = (path: string) => `The iProxy server had a problem (HTTP 500, GET ${path}). This is on iProxy's side; try again in a moment.`

describe('banner text', () => {
  it('makes each reason one sentence with no dangling separator', () => {
    expect(asSentence('  Main is busy, try again  ')).toBe('Main is busy, try again.')
    expect(asSentence('Too many requests;')).toBe('Too many requests.')
    expect(asSentence('Could not reach the server —')).toBe('Could not reach the server.')
    expect(asSentence('Already a sentence.')).toBe('Already a sentence.')
    expect(asSentence('Really?')).toBe('Really?')
    expect(asSentence(' ; ')).toBe('')
  })

  it('says the same failure on three lists once, and keeps different failures apart, in order', () => {
    const reasons = bannerReasons([serverDown('/connections'), serverDown('/connections-status'), undefined, serverDown('/proxy-access')])
    expect(reasons).toEqual([serverDown('/connections')])
    const joined = bannerReasons(['Too many requests to iProxy (HTTP 429). Wait 1 h and try again', serverDown('/proxy-access'), '']).join(' ')
    expect(joined).toBe(`Too many requests to iProxy (HTTP 429). Wait 1 h and try again. ${serverDown('/proxy-access')}`)
    expect(joined).not.toMatch(/\.;|;\s*$|—\s*$|\.\./)
  })

  it('shows nothing when nothing failed', () => {
    expect(bannerReasons([undefined, '', '  '])).toEqual([])
  })
})
