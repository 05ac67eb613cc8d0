/**
 * The tray's icons, drawn here as small PNGs rather than shipped as files: a round dot in the state's colour with a
 * light ring, so it reads on dark and light panels alike. Drawing them in code keeps them out of the installer's file
 * list and lets a test check each one; the shell hands the bytes to nativeImage.createFromBuffer.
 */
import { crc32, deflateSync } from 'node:zlib'
import type { TrayIconName } from './tray-model'

/** RGB of each state: green all online, amber some offline, red API unreachable, grey not watching or not known yet. */
export const TRAY_COLORS: Record<TrayIconName, readonly [number, number, number]> = {
  idle: [140, 140, 140],
  unknown: [96, 125, 160],
  online: [34, 160, 80],
  offline: [230, 150, 20],
  unreachable: [210, 50, 50],
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A PNG (8-bit RGBA) of `size` × `size` pixels from straight-alpha RGBA bytes. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0 // no filter
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1)
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

/** The icon's pixels: the dot, its ring, transparent around; edges softened over one pixel. */
export function trayIconPixels(name: TrayIconName, size: number): Uint8Array {
  const [r, g, b] = TRAY_COLORS[name]
  const pixels = new Uint8Array(size * size * 4)
  const centre = size / 2
  const outer = size / 2 - 0.5
  const ring = Math.max(1, size / 10)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre)
      const coverage = Math.min(1, Math.max(0, outer - distance + 0.5))
      if (coverage === 0) continue
      const inRing = distance > outer - ring
      const i = (y * size + x) * 4
      pixels[i] = inRing ? 255 : r
      pixels[i + 1] = inRing ? 255 : g
      pixels[i + 2] = inRing ? 255 : b
      pixels[i + 3] = Math.round(coverage * 255)
    }
  }
  return pixels
}

export function trayIconPng(name: TrayIconName, size: number): Buffer {
  return encodePng(size, trayIconPixels(name, size))
}
