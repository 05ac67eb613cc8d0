/**
 * The ordered upstreams of one relay and which of them new tunnels go to. A relay with one upstream is a group of
 * one. An upstream is skipped for `downForMs` after `failuresToMarkDown` connect failures in a row (or when the
 * watch engine reports its connection offline); the first one not skipped serves. Tunnels already open are never
 * touched: a switch only changes where the next tunnel goes. Every change of the serving upstream is a switch.
 */
import type { RelaySwitch, UpstreamStatus } from '../../shared/relay'
import type { Upstream } from './upstream'

export interface FailoverOptions {
  failuresToMarkDown?: number
  downForMs?: number
  now?: () => number
  onSwitch?: (change: RelaySwitch) => void
}

/** Switches kept in memory for the page (the history database keeps them all). */
const SWITCHES_KEPT = 50

interface Member {
  upstream: Upstream
  failuresInARow: number
  downUntil: number
  lastReason?: string
}

export class UpstreamPool {
  private readonly members: Member[]
  private readonly failuresToMarkDown: number
  private readonly downForMs: number
  private readonly now: () => number
  private active: number | null = null
  readonly switches: RelaySwitch[] = []

  constructor(
    upstreams: Upstream[],
    private readonly options: FailoverOptions = {},
  ) {
    this.members = upstreams.map((upstream) => ({ upstream, failuresInARow: 0, downUntil: 0 }))
    this.failuresToMarkDown = options.failuresToMarkDown ?? 3
    this.downForMs = options.downForMs ?? 60_000
    this.now = options.now ?? Date.now
  }

  get size(): number {
    return this.members.length
  }

  /**
   * Where the next tunnel goes. With every upstream down, the one back soonest is tried rather than none.
   * `skip`: upstreams this tunnel already failed on (it then tries the next one, which is not a switch).
   */
  pick(skip?: ReadonlySet<number>): { index: number; upstream: Upstream } | undefined {
    const now = this.now()
    const candidates = this.members.flatMap((m, i) => (skip?.has(i) ? [] : [{ m, i }]))
    if (candidates.length === 0) return undefined
    const healthy = candidates.find((c) => c.m.downUntil <= now)
    const chosen = healthy ?? candidates.reduce((a, b) => (b.m.downUntil < a.m.downUntil ? b : a))
    if (!skip || skip.size === 0) this.setActive(chosen.i, this.active === null ? 'started' : this.reasonFor(chosen.i))
    return { index: chosen.i, upstream: chosen.m.upstream }
  }

  succeeded(index: number): void {
    const member = this.members[index]
    if (member) member.failuresInARow = 0
  }

  /** A connect failure that was the upstream's fault (refused, bad login, no answer). */
  failed(index: number, reason: string): void {
    const member = this.members[index]
    if (!member) return
    member.failuresInARow += 1
    if (member.failuresInARow >= this.failuresToMarkDown) this.markDown(index, `${member.failuresInARow} connect failures in a row: ${reason}`)
  }

  /** Skips the upstream for the down period (own failures, or the watch engine saw its connection offline). */
  markDown(index: number, reason: string): void {
    const member = this.members[index]
    if (!member) return
    member.downUntil = this.now() + this.downForMs
    member.failuresInARow = 0
    member.lastReason = reason
    if (this.active === index && this.members.length > 1) this.pick()
  }

  /** The watch engine saw the connection back: serve from it again at once. */
  markUp(index: number): void {
    const member = this.members[index]
    if (!member) return
    member.downUntil = 0
    member.failuresInARow = 0
    if (this.active !== null && index < this.active) this.pick()
  }

  indexWhere(test: (upstream: Upstream) => boolean): number[] {
    return this.members.flatMap((m, i) => (test(m.upstream) ? [i] : []))
  }

  get activeIndex(): number | null {
    return this.active
  }

  statuses(): UpstreamStatus[] {
    const now = this.now()
    return this.members.map((m) => ({
      label: m.upstream.label,
      healthy: m.downUntil <= now,
      ...(m.downUntil > now ? { downUntil: m.downUntil } : {}),
      failuresInARow: m.failuresInARow,
    }))
  }

  private reasonFor(index: number): string {
    const previous = this.active === null ? undefined : this.members[this.active]
    if (previous && previous.downUntil > this.now()) return previous.lastReason ?? 'marked down'
    return index < (this.active ?? 0) ? 'a preferred upstream is back' : 'marked down'
  }

  private setActive(index: number, reason: string): void {
    if (this.active === index) return
    const change: RelaySwitch = {
      at: this.now(),
      from: this.active === null ? null : this.members[this.active]!.upstream.label,
      to: this.members[index]!.upstream.label,
      reason,
    }
    this.active = index
    // The first choice at start is not a switch.
    if (change.from === null) return
    this.switches.unshift(change)
    this.switches.length = Math.min(this.switches.length, SWITCHES_KEPT)
    this.options.onSwitch?.(change)
  }
}
