/**
 * Round ticks for a byte axis: steps of 1, 2 or 5 × 10^n in one binary unit (KB, MB, GB = 1024^k bytes), so an
 * axis reads "0, 500 MB, 1000 MB, 1500 MB" or "0, 0.5 GB, 1 GB, 1.5 GB" instead of recharts' even fifths of the
 * maximum ("429 MB, 858 MB"). Every label of an axis is in the same unit, so they compare at a glance.
 */
import { uiLocale } from '../../ui/locale'

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

export interface ByteAxis {
  /** From 0 to the first tick at or above the maximum. */
  ticks: number[]
  /** The label of a tick, in the axis's unit. */
  label(bytes: number): string
}

/** The smallest 1/2/5 × 10^n at or above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw))
  const scaled = raw / power
  const factor = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10
  return factor * power
}

/** Ticks for values up to `max` bytes, about `target` intervals (never more). */
export function byteAxis(max: number, target = 4, language?: string): ByteAxis {
  const top = Number.isFinite(max) && max > 0 ? max : 1
  let unitIndex = 0
  while (unitIndex < UNITS.length - 1 && top >= 1024 ** (unitIndex + 1)) unitIndex++
  const unit = 1024 ** unitIndex
  // Bytes are whole: below 1 KB the step is at least 1 B.
  const step = Math.max(niceStep(top / unit / target), unitIndex === 0 ? 1 : 0) * unit
  const count = Math.ceil(top / step - 1e-9)
  const ticks = Array.from({ length: count + 1 }, (_, i) => i * step)
  const digits = Math.max(0, -Math.floor(Math.log10(step / unit) + 1e-9))
  const format = new Intl.NumberFormat(uiLocale(language), { maximumFractionDigits: digits })
  return { ticks, label: (bytes) => (bytes === 0 ? '0' : `${format.format(bytes / unit)} ${UNITS[unitIndex]}`) }
}
