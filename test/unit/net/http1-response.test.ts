/**
 * The incremental HTTP/1.1 response parser (src/main/net/http1-response.ts): every framing, fed whole and one byte
 * at a time, and the errors node:http would give for the same bytes.
 */
import { describe, expect, it } from 'vitest'
import { Http1ResponseParser, type Http1Head } from '../../../src/main/net/http1-response'

interface Parsed {
  heads: Http1Head[]
  body: string
  ended: boolean
}

function parser(bodyless = false): { p: Http1ResponseParser; out: Parsed } {
  const out: Parsed = { heads: [], body: '', ended: false }
  const p = new Http1ResponseParser(
    {
      head: (h) => out.heads.push(h),
      body: (b) => (out.body += b.toString('latin1')),
      end: () => (out.ended = true),
    },
    bodyless,
  )
  return { p, out }
}

/** Feeds `text` whole, then byte by byte, then in 3-byte pieces; all three must agree. */
function parseAll(text: string, opts: { finish?: boolean; bodyless?: boolean } = {}): Parsed {
  const results = [text.length, 1, 3].map((size) => {
    const { p, out } = parser(opts.bodyless)
    const bytes = Buffer.from(text, 'latin1')
    for (let at = 0; at < bytes.length; at += size) p.push(bytes.subarray(at, at + size))
    if (opts.finish) p.finish()
    return out
  })
  expect(results[1]).toEqual(results[0])
  expect(results[2]).toEqual(results[0])
  return results[0]!
}

function failure(text: string, finish = false): { code?: string; message: string } {
  const { p } = parser()
  try {
    p.push(Buffer.from(text, 'latin1'))
    if (finish) p.finish()
  } catch (err) {
    return { code: (err as { code?: string }).code, message: (err as Error).message }
  }
  throw new Error('expected a parse failure')
}

describe('Http1ResponseParser', () => {
  it('reads a Content-Length body and stops at its end (bytes after it are ignored)', () => {
    const out = parseAll('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ip":"1"}\nEXTRA')
    expect(out.heads).toEqual([{ statusCode: 200, statusMessage: 'OK', rawHeaders: ['Content-Type', 'application/json', 'Content-Length', '11'] }])
    expect(out.body).toBe('{"ip":"1"}\n')
    expect(out.ended).toBe(true)
  })

  it('decodes chunked bodies with extensions and trailers', () => {
    const out = parseAll('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=x\r\nhello\r\nA\r\n, world!!!\r\n0\r\nX-Trailer: 1\r\n\r\n')
    expect(out.body).toBe('hello, world!!!')
    expect(out.ended).toBe(true)
  })

  it('reads a body without length up to the close', () => {
    const out = parseAll('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n203.0.113.9\n', { finish: true })
    expect(out.body).toBe('203.0.113.9\n')
    expect(out.ended).toBe(true)
  })

  it('skips 1xx interim answers and reports the final one', () => {
    const out = parseAll('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    expect(out.heads.map((h) => h.statusCode)).toEqual([200])
    expect(out.body).toBe('ok')
  })

  it('has no body for 204, 304 and the answer to HEAD, whatever the headers say', () => {
    expect(parseAll('HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n')).toMatchObject({ body: '', ended: true })
    expect(parseAll('HTTP/1.1 304 Not Modified\r\n\r\n')).toMatchObject({ body: '', ended: true })
    expect(parseAll('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n', { bodyless: true })).toMatchObject({ body: '', ended: true })
    expect(parseAll('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')).toMatchObject({ body: '', ended: true })
  })

  it('keeps the reason phrase as sent, empty when there is none, and tolerates bare LF line ends', () => {
    expect(parseAll('HTTP/1.1 404 Not Found Here\r\nContent-Length: 0\r\n\r\n').heads[0]?.statusMessage).toBe('Not Found Here')
    expect(parseAll('HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n').heads[0]?.statusMessage).toBe('')
    expect(parseAll('HTTP/1.1 200 OK\nContent-Length: 2\n\nok')).toMatchObject({ body: 'ok', ended: true })
  })

  it("fails like node:http: not HTTP, oversized head, conflicting lengths, bad chunk size", () => {
    expect(failure('SSH-2.0-OpenSSH\r\n\r\n')).toEqual({ code: 'HPE_INVALID_CONSTANT', message: 'Parse Error: Expected HTTP/' })
    expect(failure(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(17 * 1024)}`).code).toBe('HPE_HEADER_OVERFLOW')
    expect(failure('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n').code).toBe('HPE_UNEXPECTED_CONTENT_LENGTH')
    expect(failure('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n').code).toBe('HPE_UNEXPECTED_CONTENT_LENGTH')
    expect(failure('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n').code).toBe('HPE_INVALID_CONTENT_LENGTH')
    expect(failure('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n').code).toBe('HPE_INVALID_CHUNK_SIZE')
  })

  it('a connection closed early is ECONNRESET: "socket hang up" before the head, "aborted" in the body', () => {
    expect(failure('HTTP/1.1 200 OK\r\nContent-Le', true)).toEqual({ code: 'ECONNRESET', message: 'socket hang up' })
    expect(failure('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', true)).toEqual({ code: 'ECONNRESET', message: 'aborted' })
    expect(failure('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab', true)).toEqual({ code: 'ECONNRESET', message: 'aborted' })
  })

  it('stops when a body handler throws (a size limit) and reports nothing after it', () => {
    let ended = false
    const p = new Http1ResponseParser({
      head: () => {},
      body: () => {
        throw new Error('too large')
      },
      end: () => (ended = true),
    })
    expect(() => p.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc'))).toThrow('too large')
    expect(ended).toBe(false)
  })
})
