/**
 * Small deterministic randomness for the simulator. The demo data and the statistics must give the same answer
 * for the same input (a screen refreshed twice must not change its past), so everything that looks random is
 * derived from a seed: a string hash into mulberry32. Ids and secrets created at run time use node:crypto.
 */
import { randomBytes, randomInt } from 'node:crypto'

/** FNV-1a over the string's UTF-16 units, then avalanche-mixed; a 32-bit seed for `mulberry32`. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h >>> 0
}

export interface Prng {
  /** In [0, 1). */
  next(): number
  /** A whole number in [min, max]. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
  /** `length` characters from `alphabet`. */
  text(length: number, alphabet?: string): string
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function createPrng(seed: number | string): Prng {
  let state = typeof seed === 'string' ? hashSeed(seed) : seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p) => next() < p,
    text: (length, alphabet = ID_ALPHABET) => {
      let out = ''
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)]
      return out
    },
  }
}

/** One number in [0, 1) for a key, without keeping a generator around (stats per connection and hour). */
export function unitFor(key: string): number {
  return createPrng(key).next()
}

/** A fresh random text from `alphabet` (ids, keys, passwords made at run time). */
export function randomText(length: number, alphabet = ID_ALPHABET): string {
  const bytes = randomBytes(length)
  let out = ''
  // 62 symbols do not divide 256, but the bias (a few percent on some letters) is harmless for a simulator.
  for (const byte of bytes) out += alphabet[byte % alphabet.length]
  return out
}

/** Ids shaped like the API's (`nlUs1D8PKL`). */
export function randomId(): string {
  return randomText(10)
}

export function randomDigits(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += String(randomInt(10))
  return out
}
