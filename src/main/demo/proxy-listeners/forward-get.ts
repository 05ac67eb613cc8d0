/**
 * `forwardGet(req, res, outbound, path, onFailure)`: the HTTP proxy's upstream half for a GET or HEAD without a
 * body, the request every health check through an HTTP proxy makes.
 *
 * Why not node:http's ClientRequest (which http-proxy.ts still uses for everything else): its request, the
 * upstream IncomingMessage and the pipe into the client's response cost the simulator about a third of a
 * millisecond of CPU per forwarded request (`npm run bench:health`). What goes over the wire is the same: the
 * request head is written as ClientRequest writes it for a GET (the client's end-to-end headers in their order,
 * `Host: localhost` when the client sent none, `Connection: close`), and the answer, read by
 * net/http1-response.ts, is handed to the client's ServerResponse as the IncomingMessage was: the same status,
 * reason phrase, headers (duplicates folded by node:http's rules, hop-by-hop ones dropped) and body bytes.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { codedError, Http1ResponseParser } from '../../net/http1-response'
import { forwardableHeaders } from './hop-by-hop'

/** Duplicates of these are dropped, the first one kept (node:http's IncomingMessage.headers). */
const SINGLE_VALUED = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
])

/** Raw header pairs folded into an object the way node:http's IncomingMessage.headers folds them. */
export function headersOf(rawHeaders: readonly string[]): IncomingHttpHeaders {
  const out = Object.create(null) as IncomingHttpHeaders
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase()
    const value = rawHeaders[i + 1] as string
    const previous = out[name]
    if (name === 'set-cookie') {
      if (Array.isArray(previous)) previous.push(value)
      else out[name] = [value]
    } else if (previous === undefined) {
      out[name] = value
    } else if (!SINGLE_VALUED.has(name)) {
      out[name] = `${previous as string}${name === 'cookie' ? '; ' : ', '}${value}`
    }
  }
  return out
}

/** Whether `req` can take this path: a GET or HEAD that declares no body. */
export function isBodilessGet(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')
}

/** The request head as ClientRequest writes it for a GET or HEAD with no agent. */
function requestHead(req: IncomingMessage, path: string): string {
  const headers = forwardableHeaders(req.headers)
  let head = `${req.method} ${path} HTTP/1.1\r\n`
  for (const name of Object.keys(headers)) {
    const value = headers[name]
    if (Array.isArray(value)) for (const v of value) head += `${name}: ${v}\r\n`
    else head += `${name}: ${value}\r\n`
  }
  if (headers.host === undefined) head += 'Host: localhost\r\n'
  return `${head}Connection: close\r\n\r\n`
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
        res.writeHead(head.statusCode, head.statusMessage, forwardableHeaders(headersOf(head.rawHeaders)))
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
