/**
 * Reads exact byte counts from a socket for a binary handshake (SOCKS5), then hands back whatever arrived beyond
 * it: the SOCKS5 listener tests' client side (the listener itself parses the bytes as they come, socks5.ts).
 */
import type { Socket } from 'node:net'

export class SocketClosedError extends Error {
  override name = 'SocketClosedError'
}

export class ByteReader {
  private buffered: Buffer = Buffer.alloc(0)
  private waiter: { count: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined
  private ended = false

  private readonly onData = (chunk: Buffer) => {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk])
    this.settle()
  }
  private readonly onEnd = () => {
    this.ended = true
    this.settle()
  }

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData)
    socket.once('end', this.onEnd)
    socket.once('close', this.onEnd)
  }

  read(count: number): Promise<Buffer> {
    if (this.waiter) return Promise.reject(new Error('ByteReader: one read at a time'))
    return new Promise((resolve, reject) => {
      this.waiter = { count, resolve, reject }
      this.settle()
    })
  }

  async readByte(): Promise<number> {
    const b = await this.read(1)
    return b[0] ?? 0
  }

  /** Stops reading; returns bytes received but not consumed. The socket is left paused. */
  detach(): Buffer {
    this.socket.off('data', this.onData)
    this.socket.off('end', this.onEnd)
    this.socket.off('close', this.onEnd)
    this.socket.pause()
    const rest = this.buffered
    this.buffered = Buffer.alloc(0)
    return rest
  }

  private settle(): void {
    const w = this.waiter
    if (!w) return
    if (this.buffered.length >= w.count) {
      this.waiter = undefined
      const out = this.buffered.subarray(0, w.count)
      this.buffered = this.buffered.subarray(w.count)
      w.resolve(out)
    } else if (this.ended) {
      this.waiter = undefined
      w.reject(new SocketClosedError('client closed during the handshake'))
    }
  }
}
