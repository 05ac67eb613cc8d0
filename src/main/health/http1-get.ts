/**
 * `http1Get(stream, request, maxBody)`: one HTTP/1.1 GET over a stream that is already open (the SOCKS5 tunnel,
 * or TLS inside it), its answer read into a string.
 *
 * Why not node:http's ClientRequest over the tunnel: an echo answer is a few hundred bytes, and a ClientRequest
 * with its IncomingMessage, parser and stream plumbing cost the checker more CPU than the rest of the SOCKS5 path
 * (`npm run bench:health`). The answer is read by net/http1-response.ts (Content-Length, chunked or
 * close-delimited bodies, 1xx skipped), whose errors carry node:http's codes, so classifyError reads them as before.
 */
import { performance } from 'node:perf_hooks'
import type { Duplex } from 'node:stream'
import { Http1ResponseParser } from '../net/http1-response'

export interface Http1Answer {
  statusCode: number
  body: string
  /** performance.now() when the status line and headers had arrived. */
  headersAt: number
}

/** The body went past `maxBody` bytes; reading stopped there. */
export class AnswerTooLargeError extends Error {
  override name = 'AnswerTooLargeError'
}

/** Writes `request` (a whole GET head) and resolves once the answer's body is complete. */
export function http1Get(stream: Duplex, request: string, maxBody: number): Promise<Http1Answer> {
  return new Promise<Http1Answer>((resolve, reject) => {
    let statusCode = 0
    let headersAt = 0
    const parts: Buffer[] = []
    let size = 0
    let settled = false
    const detach = () => {
      settled = true
      stream.off('data', onData)
      stream.off('end', onEnd)
      stream.off('close', onEnd)
      stream.off('error', fail)
    }
    function fail(err: Error) {
      if (settled) return
      detach()
      reject(err)
    }
    const parser = new Http1ResponseParser({
      head(head) {
        statusCode = head.statusCode
        headersAt = performance.now()
      },
      body(bytes) {
        size += bytes.length
        if (size > maxBody) throw new AnswerTooLargeError(`the answer is larger than ${maxBody / 1024} KiB`)
        parts.push(bytes)
      },
      end() {
        if (settled) return
        detach()
        resolve({ statusCode, body: size === 0 ? '' : Buffer.concat(parts, size).toString('utf8'), headersAt })
      },
    })
    function onData(chunk: Buffer) {
      try {
        parser.push(chunk)
      } catch (err) {
        fail(err as Error)
      }
    }
    function onEnd() {
      try {
        parser.finish()
      } catch (err) {
        fail(err as Error)
      }
    }
    stream.on('data', onData)
    stream.once('end', onEnd)
    stream.once('close', onEnd)
    stream.once('error', fail)
    stream.write(request)
  })
}
