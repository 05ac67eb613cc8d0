/** The tray's icons are real PNGs of the right size, a dot in the state's colour on a transparent ground. */
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { TRAY_COLORS, trayIconPng } from '../../../src/main/watch/tray-icon'
import { TRAY_ICONS } from '../../../src/main/watch/tray-model'

/** Reads back an 8-bit RGBA, unfiltered PNG as written by encodePng: size and pixels. */
function decode(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number[] } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10])
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  const idatLength = png.readUInt32BE(33)
  expect(png.toString('latin1', 37, 41)).toBe('IDAT')
  const rows = inflateSync(png.subarray(41, 41 + idatLength))
  return { width, height, pixel: (x, y) => [...rows.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)] }
}

describe('tray icons', () => {
  it.each(TRAY_ICONS)('%s: a dot in its colour, transparent corners, at 1x and 2x', (name) => {
    for (const size of [16, 32]) {
      const image = decode(trayIconPng(name, size))
      expect([image.width, image.height]).toEqual([size, size])
      expect(image.pixel(size / 2, size / 2)).toEqual([...TRAY_COLORS[name], 255])
      expect(image.pixel(0, 0)[3]).toBe(0)
    }
  })

  it('tells the states apart by colour', () => {
    expect(new Set(TRAY_ICONS.map((name) => TRAY_COLORS[name].join())).size).toBe(TRAY_ICONS.length)
  })
})
