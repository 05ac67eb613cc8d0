/**
 * The list being read: the proxies kept and the lines refused, in order. A repeated proxy is kept once; each
 * repeat is refused as `duplicate`, naming the line of the first. Every reader (lines, CSV, JSON) hands its results
 * here, so a result means the same whichever format it came from.
 */
import { maskRejection } from './mask-line'
import { Refusal, type ParsedProxy, type ParsedProxyList, type RejectReason, type RejectedLine } from './types'

/** Two proxies are the same when these keys are equal. */
export function proxyKey(p: ParsedProxy): string {
  return `${p.service ?? ''}\u0000${p.host.toLowerCase()}\u0000${p.port}\u0000${p.login ?? ''}\u0000${p.password ?? ''}`
}

/**
 * Duplicates are found by a hash of `proxyKey` computed without building the key (the key itself is only built to
 * tell apart two proxies with the same hash), in an open-addressing table of typed arrays: 100,000 lines in well
 * under 300 ms (bench:exports).
 */
export class ParsedList implements ParsedProxyList {
  readonly proxies: ParsedProxy[] = []
  readonly rejected: RejectedLine[] = []
  /** For a CSV list: the header's password column (0-based), so a refused row is shown without its password. */
  csvPasswordColumn: number | undefined
  /** Per slot: 1 + the index in `proxies` (0: empty), and that proxy's hash. At most half full. */
  private slots = new Int32Array(1024)
  private hashes = new Int32Array(1024)

  /**
   * Keeps what a parse function returned for the line `lineNumber`, or records why not. `line` is how the line
   * is shown in a rejection (a function when building that text costs something).
   */
  take(result: ParsedProxy | Refusal, lineNumber: number, line: string | (() => string)): void {
    if (result instanceof Refusal) {
      this.refuse(typeof line === 'string' ? line : line(), lineNumber, result.reason, result.message)
      return
    }
    const first = this.keep(result, lineNumber)
    if (first < 0) return
    const text = typeof line === 'string' ? line : line()
    this.record({ line: text, lineNumber, reason: 'duplicate', message: `The same proxy as line ${first}.`, duplicateOf: first })
  }

  refuse(line: string, lineNumber: number, reason: RejectReason, message: string): void {
    this.record({ line, lineNumber, reason, message })
  }

  /** Every rejection is kept masked (mask-line.ts): a refused line is shown, its password never. */
  private record(rejection: RejectedLine): void {
    this.rejected.push(maskRejection(rejection, this.csvPasswordColumn === undefined ? {} : { csvPasswordColumn: this.csvPasswordColumn }))
  }

  /** Keeps `p` (found on `lineNumber`) and returns -1, or returns the line of the same proxy kept earlier. */
  private keep(p: ParsedProxy, lineNumber: number): number {
    const hash = keyHash(p)
    const mask = this.slots.length - 1
    let key: string | undefined
    let slot = hash & mask
    for (let entry = this.slots[slot] as number; entry !== 0; slot = (slot + 1) & mask, entry = this.slots[slot] as number) {
      if (this.hashes[slot] !== hash) continue
      const other = this.proxies[entry - 1] as ParsedProxy
      key ??= proxyKey(p)
      if (proxyKey(other) === key) return other.lineNumber
    }
    this.slots[slot] = this.proxies.length + 1
    this.hashes[slot] = hash
    p.lineNumber = lineNumber
    this.proxies.push(p)
    if (this.proxies.length * 2 > this.slots.length) this.grow()
    return -1
  }

  private grow(): void {
    const size = this.slots.length * 2
    const mask = size - 1
    const slots = new Int32Array(size)
    const hashes = new Int32Array(size)
    for (let s = 0; s < this.slots.length; s++) {
      const entry = this.slots[s] as number
      if (entry === 0) continue
      const hash = this.hashes[s] as number
      let t = hash & mask
      while (slots[t] !== 0) t = (t + 1) & mask
      slots[t] = entry
      hashes[t] = hash
    }
    this.slots = slots
    this.hashes = hashes
  }
}

const FNV_PRIME = 16777619

function hashText(h: number, text: string, lowerCase: boolean): number {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    // Hosts are ASCII (checkHost), so this is what toLowerCase does to them.
    if (lowerCase && c >= 65 && c <= 90) c += 32
    h = Math.imul(h ^ c, FNV_PRIME)
  }
  return h
}

/** Equal `proxyKey`s give equal hashes (login, "\0" and password are hashed as one run, like in the key). */
function keyHash(p: ParsedProxy): number {
  const service = p.service
  let h = service === undefined ? 1 : service === 'http' ? 2 : service === 'socks5' ? 3 : 4
  h = Math.imul(h ^ p.port, FNV_PRIME)
  h = hashText(h, p.host, true)
  h = hashText(Math.imul(h, FNV_PRIME), p.login ?? '', false)
  h = hashText(Math.imul(h, FNV_PRIME), p.password ?? '', false)
  // Mix the high bits into the low ones (the table uses the low bits).
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  return h ^ (h >>> 13)
}
