/**
 * The log masks every form a secret takes in a line (issue 17, point 13), and writes a size-capped rotating file
 * in the data folder besides stderr.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger, maskSecrets } from '../../../src/main/log'
import { createLogFile, readRecentErrors } from '../../../src/main/log-file'

describe('maskSecrets', () => {
  it.each([
    ['user:pass@ in a proxy URL', 'could not reach socks5://alice:Hunter2x@10.0.0.1:1080', 'socks5://alice:***@10.0.0.1:1080'],
    ['user:pass@ in an http URL with a path', 'GET http://bob:pa%40ss@proxy.example:3128/x', 'http://bob:***@proxy.example:3128/x'],
    ['pass= in a form', 'login=alice&pass=Hunter2x&x=1', 'login=alice&pass=***&x=1'],
    ['password= in a query', '/connect?password=Hunter2x&port=1', '/connect?password=***&port=1'],
    ['password: in a message', 'password: Hunter2x', 'password: ***'],
    ['"password" in JSON', '{"login":"alice","password":"Hunter2x"}', '{"login":"alice","password":"***"}'],
    ['?key= in a URL', 'GET https://api.example/v1?key=Hunter2x&a=b', '?key=***&a=b'],
    ['api_key=', 'api_key=Hunter2x', 'api_key=***'],
    ['apiKey: in an object', "{ apiKey: 'Hunter2x' }", "apiKey: '***'"],
    ['token=', 'https://hooks.example/x?token=Hunter2x', '?token=***'],
    ['access_token in JSON', '{"access_token":"Hunter2x"}', '{"access_token":"***"}'],
    ['Authorization: Bearer header', 'Authorization: Bearer Hunter2xToken', 'Authorization: Bearer ***'],
    ['authorization in JSON headers', '{"authorization":"Bearer Hunter2xToken"}', '{"authorization":"Bearer ***"}'],
    ['Authorization: Basic header', 'Authorization: Basic SHVudGVyMng6eA==', 'Authorization: Basic ***'],
    ['Proxy-Authorization header', 'Proxy-Authorization: Basic SHVudGVyMng6eA==', 'Proxy-Authorization: Basic ***'],
    ['a bearer token in a message', 'sent with bearer Hunter2xToken', 'bearer ***'],
    ['a Telegram bot token in a Bot API URL', 'POST https://api.telegram.org/bot123456789:AAHunter2xHunter2xHunter2x/sendMessage', '/bot***/sendMessage'],
  ])('%s', (_form, line, masked) => {
    const out = maskSecrets(line)
    expect(out).toContain(masked)
    expect(out).not.toMatch(/Hunter2x|SHVudGVyMng6eA|pa%40ss/)
  })

  it('keeps ordinary words and longer names', () => {
    const line = 'the check did not pass: timeout; monkey=banana; healthItemKey: p1; password_updated_at=2025-01-01'
    expect(maskSecrets(line)).toBe(line)
  })

  it('the logger masks the error it is given, stack included', () => {
    const lines: Array<[string, boolean]> = []
    const log = createLogger((line, entry) => lines.push([line, entry.error]))
    log('proxy socks5://u:Hunter2x@h:1 failed', new Error('auth with password=Hunter2x refused'))
    log('plain line')
    expect(lines.map(([, error]) => error)).toEqual([true, false])
    expect(lines[0]?.[0]).not.toContain('Hunter2x')
  })
})

describe('the log file', () => {
  it('writes time-stamped entries and rotates by size, keeping three files', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'iproxy-log-')), 'logs')
    const write = createLogFile({ dir, maxBytes: 2_000, files: 3 })
    const log = createLogger((line, entry) => write(line, entry))
    for (let i = 0; i < 100; i++) log(`line ${i} ${'x'.repeat(80)}`)
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2'])
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(2_000)
    const current = readFileSync(join(dir, 'main.log'), 'utf8')
    expect(current).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z INFO {2}\[iproxy\] line \d+ x+\n/)
    expect(current).toContain('line 99 ')
  })

  it('finds the recent errors again, each with its stack, masked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iproxy-log-'))
    const write = createLogFile({ dir })
    const log = createLogger((line, entry) => write(line, entry))
    log('started')
    log('first failure', new Error('one'))
    log('a note')
    log('second failure token=Hunter2x', new Error('two'))
    const errors = readRecentErrors(dir)
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(/ERROR \[iproxy\] first failure: Error: one\n\s+at /)
    expect(errors[1]).toContain('second failure token=***')
  })
})
