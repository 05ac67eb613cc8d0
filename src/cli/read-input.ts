/**
 * Reading what the person gives on stdin: a whole proxy list (`--file -`), or an API key, piped or typed at a
 * prompt that does not echo it (the key must not land on screen, in the terminal's scrollback or a screen share).
 */
import { EXIT, CliError } from './exit-codes'
import type { Input } from './context'
import type { Stream } from './output'

/** All of stdin as UTF-8 (without a byte order mark); refuses more than `maxBytes`. */
export function readAll(stdin: Input, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += buf.length
      if (size > maxBytes) {
        stdin.removeListener('data', onData)
        stdin.pause()
        reject(new CliError(EXIT.usage, 'file_too_large', `stdin holds more than ${(maxBytes / 1_000_000).toFixed(1)} MB; split the list.`))
        return
      }
      chunks.push(buf)
    }
    stdin.on('data', onData)
    stdin.once('error', (err) => reject(err))
    stdin.once('end', () => resolve(new TextDecoder('utf-8').decode(Buffer.concat(chunks))))
    stdin.resume()
  })
}

/**
 * One line typed at a terminal with echo off (raw mode): Enter ends it, Backspace deletes, Ctrl-C aborts with
 * exit 130. Only what was typed is returned; nothing is written back but the prompt and a newline.
 */
export function promptHidden(stdin: Input, stderr: Stream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt)
    stdin.setRawMode?.(true)
    let typed = ''
    const done = (error?: Error) => {
      stdin.removeListener('data', onData)
      stdin.setRawMode?.(false)
      stdin.pause()
      stderr.write('\n')
      if (error) reject(error)
      else resolve(typed)
    }
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done()
        if (ch === '\u0003') return done(new CliError(EXIT.interrupted, 'interrupted', 'Cancelled; nothing was saved.'))
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1)
        else if (ch >= ' ') typed += ch
      }
    }
    stdin.on('data', onData)
    stdin.resume()
  })
}
