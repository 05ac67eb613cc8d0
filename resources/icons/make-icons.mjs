#!/usr/bin/env node
/**
 * Makes every icon file the installers use from the one source, `icon.svg` beside this script:
 *
 *   png/<N>x<N>.png  N = 16 … 1024   Linux (electron-builder's icon set; the desktop entry and AppImage use it)
 *   icon.png         512 × 512        the window icon on Linux and the fallback for tools that take one PNG
 *   icon.ico         16 … 256         Windows: 32-bit BMP entries up to 128 (what every Windows and NSIS read), PNG at 256
 *   icon.icns        16 … 1024        macOS: PNG entries (icp4 … ic10, including the @2x types)
 *
 * The output is committed; run this again after changing the SVG: `node resources/icons/make-icons.mjs`.
 * The SVG is rasterized by Chromium (Debian's `/usr/bin/chromium`, or CHROMIUM_PATH) through playwright-core,
 * which the tests already use: it draws the SVG onto a canvas at each size and hands back raw RGBA pixels. The
 * PNG, ICO and ICNS containers are written here, so no image tool has to be installed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const ICO_BMP_SIZES = [16, 24, 32, 48, 64, 128]
const ICO_PNG_SIZES = [256]
/** ICNS element types holding PNG data, by pixel size (Apple's "Icon Services" types). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
]

/** Rasterizes `svg` at each size; returns Map<size, Buffer RGBA (straight alpha)>. */
/* global Image, OffscreenCanvas -- used inside page.evaluate(), which runs in Chromium */
async function rasterize(svg, sizes) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}; set CHROMIUM_PATH`)
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage()
    const out = new Map()
    for (const size of sizes) {
      const base64 = await page.evaluate(
        async ({ svg, size }) => {
          const image = new Image(size, size)
          image.src = `data:image/svg+xml;base64,${btoa(svg)}`
          await image.decode()
          const canvas = new OffscreenCanvas(size, size)
          const context = canvas.getContext('2d')
          context.drawImage(image, 0, 0, size, size)
          const { data } = context.getImageData(0, 0, size, size)
          let binary = ''
          for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000))
          return btoa(binary)
        },
        { svg, size },
      )
      out.set(size, Buffer.from(base64, 'base64'))
    }
    return out
  } finally {
    await browser.close()
  }
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** Encodes RGBA pixels as a PNG (colour type 6), choosing per row between the None and Paeth filters. */
export function encodePng(rgba, width, height) {
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  const paeth = (a, b, c) => {
    const p = a + b - c
    const pa = Math.abs(p - a)
    const pb = Math.abs(p - b)
    const pc = Math.abs(p - c)
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
  }
  for (let y = 0; y < height; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride)
    const filtered = Buffer.alloc(stride)
    let costNone = 0
    let costPaeth = 0
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? row[x - 4] : 0
      const b = y > 0 ? rgba[(y - 1) * stride + x] : 0
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4] : 0
      filtered[x] = (row[x] - paeth(a, b, c)) & 0xff
      costNone += row[x] < 128 ? row[x] : 256 - row[x]
      costPaeth += filtered[x] < 128 ? filtered[x] : 256 - filtered[x]
    }
    const offset = y * (stride + 1)
    if (costPaeth < costNone) {
      raw[offset] = 4
      filtered.copy(raw, offset + 1)
    } else {
      raw[offset] = 0
      row.copy(raw, offset + 1)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** A 32-bit BMP icon image: BITMAPINFOHEADER, BGRA rows bottom-up, then an all-zero AND mask (alpha rules). */
function encodeIcoBitmap(rgba, size) {
  const header = Buffer.alloc(40)
  const maskStride = Math.ceil(size / 32) * 4
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4
      const to = ((size - 1 - y) * size + x) * 4
      pixels[to] = rgba[from + 2]
      pixels[to + 1] = rgba[from + 1]
      pixels[to + 2] = rgba[from]
      pixels[to + 3] = rgba[from + 3]
    }
  }
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // XOR image + AND mask
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(pixels.length + maskStride * size, 20)
  return Buffer.concat([header, pixels, Buffer.alloc(maskStride * size)])
}

/** An ICO file from [size, imageBytes] entries. */
export function encodeIco(entries) {
  const head = Buffer.alloc(6 + 16 * entries.length)
  head.writeUInt16LE(0, 0)
  head.writeUInt16LE(1, 2)
  head.writeUInt16LE(entries.length, 4)
  let offset = head.length
  entries.forEach(([size, data], i) => {
    const at = 6 + 16 * i
    head[at] = size >= 256 ? 0 : size
    head[at + 1] = size >= 256 ? 0 : size
    head.writeUInt16LE(1, at + 4)
    head.writeUInt16LE(32, at + 6)
    head.writeUInt32LE(data.length, at + 8)
    head.writeUInt32LE(offset, at + 12)
    offset += data.length
  })
  return Buffer.concat([head, ...entries.map(([, data]) => data)])
}

/** An ICNS file from [type, pngBytes] elements. */
export function encodeIcns(elements) {
  const parts = elements.map(([type, data]) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(data.length + 8, 4)
    return Buffer.concat([head, data])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4)
  return Buffer.concat([head, ...parts])
}

async function main() {
  const svg = readFileSync(join(here, 'icon.svg'), 'utf8')
  const pixels = await rasterize(svg, PNG_SIZES)
  const png = new Map([...pixels].map(([size, rgba]) => [size, encodePng(rgba, size, size)]))

  mkdirSync(join(here, 'png'), { recursive: true })
  for (const [size, data] of png) writeFileSync(join(here, 'png', `${size}x${size}.png`), data)
  writeFileSync(join(here, 'icon.png'), png.get(512))
  writeFileSync(
    join(here, 'icon.ico'),
    encodeIco([
      ...ICO_BMP_SIZES.map((size) => [size, encodeIcoBitmap(pixels.get(size), size)]),
      ...ICO_PNG_SIZES.map((size) => [size, png.get(size)]),
    ]),
  )
  writeFileSync(join(here, 'icon.icns'), encodeIcns(ICNS_TYPES.map(([type, size]) => [type, png.get(size)])))
  console.log(`wrote ${PNG_SIZES.length} PNGs, icon.png, icon.ico and icon.icns in ${here}`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
