/**
 * `Http1ResponseParser`: reads one HTTP/1.1 response from the bytes of a connection as they arrive. It reports
 * the final head (1xx interim answers are skipped), the body's bytes as they come (Content-Length, chunked, or up
 * to the close), and the end.
 *
 * Why not node:http's ClientRequest, which does the same: where one request per connection is the whole job, a
 * ClientRequest with its IncomingMessage stream cost more CPU than everything else around it (measured with
 * `npm run bench:health`, 1,000 exchanges at a time): the health checker's GET inside a SOCKS5 tunnel, and the
 * simulator's HTTP proxy forwarding a GET. Failures carry node:http's codes and messages (HPE_* "Parse Error: ...",
 * ECONNRESET "socket hang up" before the head, "aborted" after it), so whatever reports them reads the same.
 */

export interface Http1Head {
  statusCode: number
  /** The reason phrase as sent ('' when there is none). */
  statusMessage: string
  /** Name, value, name, value… as received (node:http's `rawHeaders`). */
  rawHeaders: string[]
}

export interface Http1ResponseEvents {
  /** The final head; the body follows (or the end at once, when there is none). */
  head(head: Http1Head): void
  /** Body bytes, framing removed (a view into the received chunk). May throw to stop reading. */
  body(bytes: Buffer): void
  end(): void
}

/** node:http's default `--max-http-header-size`. */
const MAX_HEAD_BYTES = 16 * 1024
/** A chunk-size line is a hex number and maybe extensions; anything this long is not one. */
const MAX_CHUNK_LINE_BYTES = 4 * 1024
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/

/** Where the parser is in the response. */
const State = { Head: 0, Length: 1, Close: 2, ChunkSize: 3, ChunkData: 4, ChunkEnd: 5, Trailers: 6, Done: 7 } as const
type State = (typeof State)[keyof typeof State]

export function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code })
}

const parseError = (code: string, reason: string) => codedError(code, `Parse Error: ${reason}`)

/** Index just past the blank line that ends a head (CRLF or bare LF line ends), or -1. */
function headEnd(buf: Buffer): number {
  let from = 0
  for (;;) {
    const lf = buf.indexOf(10, from)
    if (lf < 0) return -1
    if (buf[lf + 1] === 10) return lf + 2
    if (buf[lf + 1] === 13 && buf[lf + 2] === 10) return lf + 3
    if (lf + 2 >= buf.length) return -1
    from = lf + 1
  }
}

export class Http1ResponseParser {
  private state: State = State.Head
  /** Bytes received but not yet consumed (an incomplete head or chunk-size line). */
  private pending: Buffer | undefined
  /** Body bytes still expected: of the Content-Length, or of the current chunk. */
  private remaining = 0

  /** `bodyless`: the answer to a HEAD request, which has headers only. */
  constructor(
    private readonly on: Http1ResponseEvents,
    private readonly bodyless = false,
  ) {}

  get done(): boolean {
    return this.state === State.Done
  }

  /** Feeds received bytes; throws a coded error for a malformed answer. Bytes after a complete answer are ignored. */
  push(chunk: Buffer): void {
    if (this.state === State.Done) return
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk
    this.pending = undefined
    let at = 0
    while (at < buf.length) {
      const used = this.step(buf, at)
      if (used < 0) {
        this.pending = buf.subarray(at)
        return
      }
      at += used
      if (this.isDone()) return
    }
  }

  /** The connection ended: completes a body that runs to the close; throws ECONNRESET for anything cut short. */
  finish(): void {
    if (this.state === State.Done) return
    if (this.state === State.Close) return this.complete()
    const before = this.state === State.Head
    this.state = State.Done
    throw codedError('ECONNRESET', before ? 'socket hang up' : 'aborted')
  }

  private isDone(): boolean {
    return this.state === State.Done
  }

  private complete(): void {
    this.state = State.Done
    this.on.end()
  }

  /** Consumes from `at`; returns the bytes used, or -1 when more bytes are needed first. */
  private step(buf: Buffer, at: number): number {
    switch (this.state) {
      case State.Head:
        return this.readHead(at === 0 ? buf : buf.subarray(at))
      case State.Length:
      case State.ChunkData: {
        const take = Math.min(this.remaining, buf.length - at)
        this.remaining -= take
        const wasLength = this.state === State.Length
        if (this.remaining === 0) this.state = wasLength ? State.Done : State.ChunkEnd
        this.on.body(buf.subarray(at, at + take))
        if (wasLength && this.remaining === 0) this.on.end()
        return take
      }
      case State.Close:
        this.on.body(at === 0 ? buf : buf.subarray(at))
        return buf.length - at
      default:
        return this.readLine(buf, at)
    }
  }

  /** Chunk framing and trailers, one line at a time. */
  private readLine(buf: Buffer, at: number): number {
    const lf = buf.indexOf(10, at)
    if (lf < 0) {
      if (buf.length - at > MAX_CHUNK_LINE_BYTES) throw parseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size')
      return -1
    }
    const end = lf > at && buf[lf - 1] === 13 ? lf - 1 : lf
    if (this.state === State.ChunkEnd) {
      if (end !== at) throw parseError('HPE_STRICT', 'Expected LF after chunk data')
      this.state = State.ChunkSize
    } else if (this.state === State.Trailers) {
      if (end === at) this.complete()
    } else {
      const line = buf.toString('latin1', at, end)
      const hex = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(line)
      if (!hex) throw parseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size')
      this.remaining = parseInt(hex[1] as string, 16)
      this.state = this.remaining === 0 ? State.Trailers : State.ChunkData
    }
    return lf + 1 - at
  }

  private readHead(buf: Buffer): number {
    const end = headEnd(buf)
    if (end < 0) {
      if (buf.length > MAX_HEAD_BYTES) throw parseError('HPE_HEADER_OVERFLOW', 'Header overflow')
      return -1
    }
    if (end > MAX_HEAD_BYTES) throw parseError('HPE_HEADER_OVERFLOW', 'Header overflow')
    const lines = buf.toString('latin1', 0, end).split('\n')
    const status = STATUS_LINE.exec((lines[0] ?? '').replace(/\r$/, ''))
    if (!status) throw parseError('HPE_INVALID_CONSTANT', 'Expected HTTP/')
    const statusCode = Number(status[1])
    const rawHeaders: string[] = []
    let length: number | undefined
    let chunked = false
    let encoded = false
    for (let i = 1; i < lines.length; i++) {
      const line = (lines[i] as string).replace(/\r$/, '')
      if (line === '') continue
      const colon = line.indexOf(':')
      if (colon <= 0) throw parseError('HPE_INVALID_HEADER_TOKEN', 'Invalid header token')
      const name = line.slice(0, colon)
      const value = line.slice(colon + 1).trim()
      rawHeaders.push(name, value)
      const lower = name.toLowerCase()
      if (lower === 'content-length') {
        if (!/^\d+$/.test(value)) throw parseError('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length')
        const n = Number(value)
        if (length !== undefined && length !== n) throw parseError('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length')
        length = n
      } else if (lower === 'transfer-encoding') {
        encoded = true
        // The last coding decides (RFC 9112 section 6.3): chunked ends the body, anything else runs to the close.
        const codings = value.toLowerCase().split(',')
        chunked = (codings[codings.length - 1] ?? '').trim() === 'chunked'
      }
    }
    if (encoded && length !== undefined) {
      throw parseError('HPE_UNEXPECTED_CONTENT_LENGTH', "Transfer-Encoding can't be present with Content-Length")
    }
    if (statusCode >= 100 && statusCode < 200 && statusCode !== 101) {
      // An interim answer (100 Continue, 103 Early Hints): the final one follows.
      return end
    }
    if (this.bodyless || statusCode < 200 || statusCode === 204 || statusCode === 304) {
      this.state = State.Length
      this.remaining = 0
    } else if (chunked) {
      this.state = State.ChunkSize
    } else if (encoded || length === undefined) {
      this.state = State.Close
    } else {
      this.state = State.Length
      this.remaining = length
    }
    this.on.head({ statusCode, statusMessage: status[2] ?? '', rawHeaders })
    if (this.state === State.Length && this.remaining === 0) this.complete()
    return end
  }
}
