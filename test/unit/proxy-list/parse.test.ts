/** Reading proxy lists: every line shape accepted, and each rejection with its reason and line number. */
import { describe, expect, it } from 'vitest'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'

describe('parseProxyLines: what it accepts', () => {
  it('schemes, spaces, comments, blank lines, IPv6, CRLF, login:password:host:port, host:port@login:password', () => {
    const text = [
      '# my proxies',
      '',
      '   x1.fxdx.in:13874:username:superpassword   ',
      'SOCKS5://u:p@[2001:db8::1]:1080/',
      'http://10.0.0.1:8080',
      'socks5h://host.example:1:u:p',
      '[::1]:3128',
      'user:secret:proxy.example.com:9000',
      '\t',
      '46.8.1.2:8000@user:p@ss:w',
      'http://46.8.1.3:8000@us%40er:secret',
    ].join('\r\n')
    const { proxies, rejected } = parseProxyLines(text)
    expect(rejected).toEqual([])
    expect(proxies).toEqual([
      { lineNumber: 3, host: 'x1.fxdx.in', port: 13874, login: 'username', password: 'superpassword' },
      { lineNumber: 4, service: 'socks5', host: '2001:db8::1', port: 1080, login: 'u', password: 'p' },
      { lineNumber: 5, service: 'http', host: '10.0.0.1', port: 8080 },
      { lineNumber: 6, service: 'socks5', host: 'host.example', port: 1, login: 'u', password: 'p' },
      { lineNumber: 7, host: '::1', port: 3128 },
      { lineNumber: 8, host: 'proxy.example.com', port: 9000, login: 'user', password: 'secret' },
      // host:port@login:password, as some providers export it.
      { lineNumber: 10, host: '46.8.1.2', port: 8000, login: 'user', password: 'p@ss:w' },
      { lineNumber: 11, service: 'http', host: '46.8.1.3', port: 8000, login: 'us@er', password: 'secret' },
    ])
  })

  it('reports duplicates once each and keeps the first', () => {
    const { proxies, rejected } = parseProxyLines('a.b:1:u:p\nu:p@a.b:1\nA.B:1:u:p\na.b:1:u:q\n')
    expect(proxies.map((p) => p.lineNumber)).toEqual([1, 4])
    expect(rejected).toEqual([
      { line: 'u:***@a.b:1', lineNumber: 2, reason: 'duplicate', message: 'The same proxy as line 1.', duplicateOf: 1 },
      { line: 'A.B:1:u:***', lineNumber: 3, reason: 'duplicate', message: 'The same proxy as line 1.', duplicateOf: 1 },
    ])
  })
})

describe('parseProxyLines: each rejection reason with its line number', () => {
  // [the line, why it is refused, how the rejection shows it when that differs: its password masked]
  const cases: Array<[string, string, string?]> = [
    ['ftp://u:p@host.example:21', 'unsupported_scheme', 'ftp://u:***@host.example:21'],
    ['host.example', 'missing_port'],
    ['[::1]', 'missing_port'],
    ['host.example:0', 'bad_port'],
    ['host.example:70000', 'bad_port'],
    // Two fields where the second is no port: perhaps login:password pasted alone, so the second is masked.
    ['host.example:http', 'bad_port', 'host.example:***'],
    ['bad host!:8080', 'bad_host'],
    ['[nothex]:80', 'bad_host'],
    ['2001:db8::1:8080', 'ipv6_needs_brackets', '2001:***:1:8080'],
    ['host.example:8080:loginonly', 'missing_password'],
    ['loginonly@host.example:8080', 'missing_password'],
    [':secret@host.example:8080', 'missing_login', ':***@host.example:8080'],
    ['u:p@host.example:8080:extra', 'too_many_fields', 'u:***@host.example:8080:extra'],
    ['host.example:8080@loginonly', 'missing_password'],
    ['host.example:99999@u:p', 'bad_port', 'host.example:99999@u:***'],
  ]
  it('line formats', () => {
    const text = ['# header', ...cases.map(([line]) => line)].join('\n')
    const { proxies, rejected } = parseProxyLines(text)
    expect(proxies).toEqual([])
    expect(rejected.map((r) => [r.lineNumber, r.line, r.reason])).toEqual(cases.map(([line, reason, shown], i) => [i + 2, shown ?? line, reason]))
    for (const r of rejected) expect(r.message.length).toBeGreaterThan(10)
  })

  it('csv and json', () => {
    const csv = parseProxyLines('hostname,port,login,password\nh.example,80,u,p\n"h2.example,81,u,p\nh3.example,82\n')
    expect(csv.proxies.map((p) => [p.lineNumber, p.host])).toEqual([[2, 'h.example']])
    expect(csv.rejected.map((r) => [r.lineNumber, r.reason])).toEqual([[3, 'bad_csv']])
    // A quoted field spanning lines: the next record's line number still counts them.
    const multi = parseProxyLines('# exported\r\nhostname,port,description\r\nh.example,80,"two\r\nlines"\r\nh2.example,0,x\r\n')
    expect(multi.proxies.map((p) => [p.lineNumber, p.description])).toEqual([[3, 'two\r\nlines']])
    expect(multi.rejected.map((r) => [r.lineNumber, r.reason])).toEqual([[5, 'bad_port']])
    // Doubled quotes at the start, middle and end of a field, and a field that is only a quote.
    const quotes = parseProxyLines('hostname,port,description\nh.example,80,"""a"" b ""c"""\nh2.example,81,""""\nh3.example,82,"x""\n')
    expect(quotes.proxies.map((p) => p.description)).toEqual(['"a" b "c"', '"'])
    expect(quotes.rejected.map((r) => [r.lineNumber, r.reason, r.message])).toEqual([[4, 'bad_csv', 'A quoted field is never closed.']])
    const csv2 = parseProxyLines('hostname,port\nh.example,80\nh3.example,82,extra\n')
    expect(csv2.rejected.map((r) => [r.lineNumber, r.reason])).toEqual([[3, 'bad_csv']])
    expect(parseProxyLines('[{"hostname": "h", "port": 1},').rejected.map((r) => [r.lineNumber, r.reason])).toEqual([[1, 'bad_json']])
    const json = parseProxyLines('[\n  {"hostname": "h.example", "port": 1},\n  42,\n  {"hostname": "h.example", "port": 0}\n]')
    expect(json.proxies.map((p) => [p.lineNumber, p.host])).toEqual([[2, 'h.example']])
    expect(json.rejected.map((r) => [r.lineNumber, r.reason])).toEqual([[3, 'bad_json'], [4, 'bad_port']])
  })

  it('json line numbers: elements spanning lines, nested values, brackets and escaped quotes inside strings', () => {
    const text = [
      '[',
      '  {"hostname": "a.example", "port": 1, "description": "has } and ] and \\"{[\\""},',
      '  {',
      '    "hostname": "b.example",',
      '    "extra": {"nested": [',
      '      1, 2',
      '    ]},',
      '    "port": 2',
      '  }, "c.example:3",',
      '',
      '  {"hostname": "d.example", "port": 0}',
      ']',
    ].join('\n')
    const { proxies, rejected } = parseProxyLines(text)
    expect(proxies.map((p) => [p.lineNumber, p.host])).toEqual([[2, 'a.example'], [3, 'b.example'], [9, 'c.example']])
    expect(proxies[0]?.description).toBe('has } and ] and "{["')
    expect(rejected.map((r) => [r.lineNumber, r.reason])).toEqual([[11, 'bad_port']])
  })
})
