/**
 * The committed icon files (made from resources/icons/icon.svg by resources/icons/make-icons.mjs) are well-formed
 * and hold every size the installers use: PNGs for Linux, an ICO for Windows, an ICNS for macOS.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'

const ICONS = join(__dirname, '../../resources/icons')
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width, height, colour type and the decompressed image data of a PNG. */
function readPng(data: Buffer): { width: number; height: number; colourType: number; pixels: Buffer } {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  expect(data.toString('ascii', 12, 16)).toBe('IHDR')
  const idat: Buffer[] = []
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at)
    const type = data.toString('ascii', at + 4, at + 8)
    if (type === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), colourType: data[25]!, pixels: inflateSync(Buffer.concat(idat)) }
}

describe('icons', () => {
  test('the SVG source is a square 1024 canvas', () => {
    const svg = readFileSync(join(ICONS, 'icon.svg'), 'utf8')
    expect(svg).toMatch(/viewBox="0 0 1024 1024"/)
    expect(existsSync(join(ICONS, 'make-icons.mjs'))).toBe(true)
  })

  test('Linux PNGs: one RGBA file per size, named NxN.png', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readPng(readFileSync(join(ICONS, 'png', `${size}x${size}.png`)))
      expect({ width: png.width, height: png.height, colourType: png.colourType }).toEqual({ width: size, height: size, colourType: 6 })
      expect(png.pixels.length).toBe(size * (size * 4 + 1))
    }
    expect(readPng(readFileSync(join(ICONS, 'icon.png'))).width).toBe(512)
  })

  test('Windows ICO: 16 to 128 as 32-bit bitmaps, 256 as PNG', () => {
    const ico = readFileSync(join(ICONS, 'icon.ico'))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const count = ico.readUInt16LE(4)
    const images = Array.from({ length: count }, (_, i) => {
      const at = 6 + 16 * i
      const size = ico[at] || 256
      const bytes = ico.readUInt32LE(at + 8)
      const offset = ico.readUInt32LE(at + 12)
      expect(offset + bytes).toBeLessThanOrEqual(ico.length)
      expect(ico.readUInt16LE(at + 6)).toBe(32)
      const image = ico.subarray(offset, offset + bytes)
      if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
        expect(readPng(image).width).toBe(size)
        return `${size} png`
      }
      expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([40, size, size * 2, 32])
      // BGRA pixels, then a 1-bit AND mask with rows padded to 4 bytes.
      expect(bytes).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size)
      return `${size} bmp`
    })
    expect(images).toEqual(['16 bmp', '24 bmp', '32 bmp', '48 bmp', '64 bmp', '128 bmp', '256 png'])
  })

  test('macOS ICNS: PNG elements from 16 to 1024, including the @2x types', () => {
    const icns = readFileSync(join(ICONS, 'icon.icns'))
    expect(icns.toString('ascii', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const expected: Record<string, number> = { icp4: 16, icp5: 32, ic11: 32, icp6: 64, ic12: 64, ic07: 128, ic08: 256, ic13: 256, ic09: 512, ic14: 512, ic10: 1024 }
    const found: Record<string, number> = {}
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('ascii', at, at + 4)
      const length = icns.readUInt32BE(at + 4)
      found[type] = readPng(icns.subarray(at + 8, at + length)).width
      at += length
    }
    expect(found).toEqual(expected)
  })
})
