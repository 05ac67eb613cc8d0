/**
 * What a relay's page shows live: open tunnels, bytes up (client to upstream) and down, and the rate over the last
 * second. Counted on the client sockets of both listeners, so HTTP and SOCKS5 are measured the same way.
 */
import type { Socket } from 'node:net'

export class Traffic {
  private readonly clients = new Set<Socket>()
  private closedUp = 0
  private closedDown = 0
  openTunnels = 0
  upRate = 0
  downRate = 0
  private last = { at: Date.now(), up: 0, down: 0 }
  private readonly timer: NodeJS.Timeout

  constructor(sampleMs = 1_000) {
    this.timer = setInterval(() => this.sample(), sampleMs)
    this.timer.unref()
  }

  /** Every accepted client socket, whatever the listener; its bytes count until and after it closes. */
  track(socket: Socket): void {
    this.clients.add(socket)
    socket.once('close', () => {
      this.clients.delete(socket)
      this.closedUp += socket.bytesRead
      this.closedDown += socket.bytesWritten
    })
  }

  /** A tunnel (CONNECT, SOCKS5 CONNECT or one plain request) is open until `socket` closes. */
  tunnelOpened(until: { once(event: 'close', listener: () => void): unknown }): void {
    this.openTunnels += 1
    until.once('close', () => {
      this.openTunnels -= 1
    })
  }

  get bytes(): { up: number; down: number } {
    let up = this.closedUp
    let down = this.closedDown
    for (const s of this.clients) {
      up += s.bytesRead
      down += s.bytesWritten
    }
    return { up, down }
  }

  get openSockets(): number {
    return this.clients.size
  }

  destroyAll(): void {
    for (const s of this.clients) s.destroy()
  }

  stop(): void {
    clearInterval(this.timer)
    this.upRate = 0
    this.downRate = 0
  }

  private sample(): void {
    const now = Date.now()
    const { up, down } = this.bytes
    const seconds = Math.max(0.001, (now - this.last.at) / 1_000)
    this.upRate = Math.round((up - this.last.up) / seconds)
    this.downRate = Math.round((down - this.last.down) / seconds)
    this.last = { at: now, up, down }
  }
}
