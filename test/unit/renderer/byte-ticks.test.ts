/**
 * features/stats/byte-ticks.ts: a byte axis reads in round steps (1, 2 or 5 × 10^n of one binary unit), not in
 * fifths of the maximum ("429 MB, 858 MB").
 */
import { describe, expect, it } from 'vitest'
import { byteAxis } from '../../../src/renderer/src/features/stats/byte-ticks'

const KB = 1024
const MB = 1024 ** 2
const GB = 1024 ** 3

const labels = (max: number) => {
  const axis = byteAxis(max, 4, 'en')
  return axis.ticks.map((tick) => axis.label(tick))
}

describe('byteAxis', () => {
  it('steps in 1/2/5 × 10^n of one unit, from 0 to the first tick at or above the maximum', () => {
    expect(labels(2_145 * MB)).toEqual(['0', '1 GB', '2 GB', '3 GB'])
    expect(labels(1_800 * MB)).toEqual(['0', '0.5 GB', '1 GB', '1.5 GB', '2 GB'])
    expect(labels(700 * MB)).toEqual(['0', '200 MB', '400 MB', '600 MB', '800 MB'])
    expect(labels(9 * GB)).toEqual(['0', '5 GB', '10 GB'])
    expect(labels(3 * KB)).toEqual(['0', '1 KB', '2 KB', '3 KB'])
    expect(labels(37)).toEqual(['0', '10 B', '20 B', '30 B', '40 B'])
  })

  it('never the uneven fifths of the maximum, and always covers the data', () => {
    for (const max of [2_145 * MB, 858 * MB, 13 * GB, 77 * KB, 1, 1023, 4 * 1024 ** 4]) {
      const { ticks } = byteAxis(max, 4, 'en')
      const last = ticks[ticks.length - 1] ?? 0
      expect(last).toBeGreaterThanOrEqual(max)
      expect(ticks.length).toBeLessThanOrEqual(6)
      const step = ticks[1] ?? 0
      ticks.forEach((tick, i) => expect(tick).toBeCloseTo(i * step))
      const unit = 1024 ** Math.floor(Math.log(Math.max(max, 1)) / Math.log(1024) + 1e-12)
      const inUnit = step / unit
      const mantissa = inUnit / 10 ** Math.floor(Math.log10(inUnit) + 1e-12)
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9), `${max}: step ${inUnit}`).toBe(true)
    }
  })

  it('gives one tick at 0 and a small range for an empty chart; labels in the interface language', () => {
    expect(byteAxis(0, 4, 'en').ticks[0]).toBe(0)
    expect(byteAxis(0, 4, 'en').ticks.length).toBeGreaterThan(1)
    expect(byteAxis(1_800 * MB, 4, 'ru').label(GB / 2)).toBe('0,5 GB')
  })
})
