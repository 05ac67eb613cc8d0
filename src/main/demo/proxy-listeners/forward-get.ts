/**
 * `forwardGet(req, res, outbound, path, onFailure)`: the HTTP proxy's upstream half for a GET or HEAD without a
 * body, the request every health check through an HTTP proxy makes.
 *
 * Why not node:http's ClientRequest (which http-proxy.ts still uses for everything else): its request, the
 * upstream IncomingMessage and the pipe into the client's response cost the simulator about a third of a
 * millisecond of CPU per forwarded request (`npm run bench:health`). What goes over the wire is the same either
 * way: the client's end-to-end headers as it sent them and `Connection: close` up (hop-by-hop.ts); the status,
 * reason phrase, end-to-end headers and body bytes of the answer (read by net/http1-response.ts) back down.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { codedError, Http1ResponseParser } from '../../net/http1-response'
import { forwardableHeaders, upstreamRequestHeaders } from './hop-by-hop'

/** Whether `req` can take this path: a GET or HEAD that declares no body. */
export function isBodilessGet(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')
}

/** The request head: the client's method, the origin-form path and the headers for upstream (hop-by-hop.ts). */
function requestHead(req: IncomingMessage, path: string): string {
  const headers = upstreamRequestHeaders(req)
  let head = `${req.method} ${path} HTTP/1.1\r\n`
  for (let i = 0; i + 1 < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`
  return `${head}\r\n`
}

/**
 * Sends `req` up `outbound` (connected, registered) and the answer back through `res`. `onFailure` answers the
 * client when the upstream fails before its head arrived; after that, the client's response is destroyed.
 */
export function forwardGet(req: IncomingMessage, res: ServerResponse, outbound: Socket, path: string, onFailure: (err: Error) => void): void {
  let settled = false
  const resume = () => outbound.resume()
  const parser = new Http1ResponseParser(
    {
      head(head) {
        // ClientRequest with no 'upgrade' listener drops the connection on a 101 and reports a hang-up.
        if (head.statusCode === 101) throw codedError('ECONNRESET', 'socket hang up')
        res.writeHead(head.statusCode, head.statusMessage, forwardableHeaders(head.rawHeaders))
      },
      body(bytes) {
        if (!res.write(bytes)) {
          outbound.pause()
          res.once('drain', resume)
        }
      },
      end() {
        settled = true
        res.end()
      },
    },
    req.method === 'HEAD',
  )
  const fail = (err: Error) => {
    if (settled) return
    settled = true
    if (res.destroyed) {
      // The client left first: no one to answer.
    } else if (!res.headersSent) onFailure(err)
    else res.destroy()
    outbound.destroy()
  }
  const onEnd = () => {
    try {
      parser.finish()
    } catch (err) {
      fail(err as Error)
    }
  }
  outbound.on('data', (chunk: Buffer) => {
    try {
      parser.push(chunk)
    } catch (err) {
      fail(err as Error)
    }
  })
  outbound.once('end', onEnd)
  outbound.once('close', onEnd)
  outbound.on('error', fail)
  res.once('close', () => outbound.destroy())
  req.resume()
  outbound.write(requestHead(req, path))
}
