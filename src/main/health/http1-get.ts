/**
 * `http1Get(stream, head, sink)`: one HTTP/1.1 GET over a stream that is already open (the SOCKS5 tunnel, or TLS
 * inside it), its answer handed to `sink` as it arrives.
 *
 * Why not node:http's ClientRequest over the tunnel: an echo answer is a few hundred bytes, and a ClientRequest
 * with its IncomingMessage, parser and stream plumbing cost the checker more CPU than the rest of the SOCKS5 path
 * (`npm run bench:health`). The answer is read by net/http1-response.ts (Content-Length, chunked or
 * close-delimited bodies, 1xx skipped), whose errors carry node:http's codes, so classifyError reads them as before.
 */
import type { Duplex } from 'node:stream'
import { Http1ResponseParser } from '../net/http1-response'

/** Where a GET's answer goes as it arrives (get-through.ts hands the same sink to either proxy kind's GET). */
export interface AnswerSink {
  /** The final status line and headers arrived. False: the body is not wanted (the GET resolves). */
  head(statusCode: number): boolean
  /** A piece of the body. False: stop reading here (the GET resolves; the caller closes the connection). */
  body(chunk: Buffer): boolean
}

/**
 * Stops a GET the sink no longer wants (thrown inside the parser's callbacks here, an abort reason in
 * get-through.ts); never reaches a caller: the GET resolves instead.
 */
export const SINK_STOPPED = new Error('the answer is not wanted any further')

/** Writes `head` (a whole GET head) and resolves once the answer is complete or `sink` stopped it. */
export function http1Get(stream: Duplex, head: string, sink: AnswerSink): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false
    const settle = (err?: Error) => {
      if (settled) return
      settled = true
      stream.off('data', onData)
      stream.off('end', onEnd)
      stream.off('close', onEnd)
      stream.off('error', settle)
      if (err && err !== SINK_STOPPED) reject(err)
      else resolve()
    }
    const parser = new Http1ResponseParser({
      head(answer) {
        if (!sink.head(answer.statusCode)) throw SINK_STOPPED
      },
      body(bytes) {
        if (!sink.body(bytes)) throw SINK_STOPPED
      },
      end() {
        settle()
      },
    })
    function onData(chunk: Buffer) {
      try {
        parser.push(chunk)
      } catch (err) {
        settle(err as Error)
      }
    }
    function onEnd() {
      try {
        parser.finish()
      } catch (err) {
        settle(err as Error)
      }
    }
    stream.on('data', onData)
    stream.once('end', onEnd)
    stream.once('close', onEnd)
    stream.once('error', settle)
    stream.write(head)
  })
}
