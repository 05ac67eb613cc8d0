/**
 * JSON proxy lists: each element's line, whatever the file's layout; values read as JSON.parse reads them; and
 * malformed JSON refused as one rejection that says where the fault is.
 */
import { describe, expect, it } from 'vitest'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'

/** A small seeded generator: the same cases on every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Layout {
  indent: string
  lineEnd: string
  colon: string
}

/** A file's text, and the line each element starts on, written with the layout's own blanks. */
function write(elements: unknown[], layout: Layout): { text: string; lines: number[] } {
  const lines: number[] = []
  const value = (v: unknown, depth: number): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v)
    const pad = layout.lineEnd + layout.indent.repeat(depth + 1)
    const end = layout.lineEnd + layout.indent.repeat(depth)
    if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map((x) => pad + value(x, depth + 1)).join(',')}${end}]`
    const entries = Object.entries(v as Record<string, unknown>)
    return entries.length === 0 ? '{}' : `{${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}${layout.colon}${value(x, depth + 1)}`).join(',')}${end}}`
  }
  let text = '['
  elements.forEach((element, k) => {
    text += (k === 0 ? '' : ',') + layout.lineEnd + layout.indent
    lines.push(text.split('\n').length)
    text += value(element, 1)
  })
  return { text: `${text}${layout.lineEnd}]${layout.lineEnd}`, lines }
}

describe('parseProxyLines: JSON lists', () => {
  const layouts: Layout[] = [
    { indent: '  ', lineEnd: '\n', colon: ': ' },
    { indent: '', lineEnd: '', colon: ':' },
    { indent: '\t', lineEnd: '\r\n', colon: ' : ' },
    { indent: '    ', lineEnd: '\n', colon: ':\n ' },
  ]

  it("gives each element's line in files of any layout, with strings holding brackets, quotes and escapes", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = random(seed)
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
      const pieces = ['a', ' ', '"', '\\', '/', '\n', '\t', '{', '}', '[', ']', ',', ':', 'é', '😀']
      const text = (): string => Array.from({ length: Math.floor(rnd() * 8) }, () => pick(pieces)).join('')
      const nested = (depth: number): unknown => (depth > 2 || rnd() < 0.4 ? text() : rnd() < 0.5 ? [nested(depth + 1), Math.floor(rnd() * 9)] : { k: nested(depth + 1), [text()]: null })
      const elements = Array.from({ length: 40 }, (_, i): unknown => {
        const r = rnd()
        if (r < 0.6) return { hostname: `h${i}.example`, port: 1000 + i, description: text(), extra: nested(0), [text()]: text() }
        if (r < 0.75) return `socks5://u${i}:p@h${i}.example:${1000 + i}`
        if (r < 0.85) return { hostname: `h${i}.example`, port: 0, note: nested(0) }
        return pick([42, null, true, [1, [2]], []])
      })
      const { text: json, lines } = write(elements, layouts[seed % layouts.length] as Layout)
      const { proxies, rejected } = parseProxyLines(json)
      // What each element gives: a proxy (its host) or a rejection (its reason), and its line.
      const outcome = (e: unknown, i: number): string =>
        typeof e === 'string' ? `h${i}.example` : e === null || typeof e !== 'object' || Array.isArray(e) ? 'bad_json' : (e as { port: number }).port === 0 ? 'bad_port' : `h${i}.example`
      const expected = elements.map((e, i) => [lines[i], outcome(e, i)])
      expect(proxies.map((p) => [p.lineNumber, p.host])).toEqual(expected.filter(([, o]) => String(o).endsWith('.example')))
      expect(rejected.map((r) => [r.lineNumber, r.reason])).toEqual(expected.filter(([, o]) => !String(o).endsWith('.example')))
      // The values are what JSON.parse reads.
      const rows = elements.flatMap((e) => (e !== null && typeof e === 'object' && 'description' in e ? [e as { description: string }] : []))
      expect(proxies.filter((p) => p.service === undefined).map((p) => p.description)).toEqual(rows.map((r) => r.description || undefined))
    }
  })

  it('a repeated property counts once, its last value; names with escapes are the names they stand for; scalars as text', () => {
    const text = '[\n{"port": 1, "hostname": "a.example", "port": 2, "host\\u006eame": "b\\u002eexample", "description": 1.50, "proxy_id": true},\n{"hostname": "c.example", "port": "3", "description": {"a": [1, "x"]}, "login": null}\n]'
    expect(parseProxyLines(text)).toEqual({
      proxies: [
        { lineNumber: 2, host: 'b.example', port: 2, description: '1.5', proxyId: 'true' },
        { lineNumber: 3, host: 'c.example', port: 3, description: '{"a":[1,"x"]}' },
      ],
      rejected: [],
    })
  })

  it('a rejected element is shown as compact JSON, and an element or value nested deeper than JSON.stringify goes is refused, not thrown on', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expect(() => JSON.stringify(JSON.parse(deep))).toThrow(RangeError)
    const { proxies, rejected } = parseProxyLines(
      `[\n{"hostname": "h.example", "port": 80, "description": ${deep}},\n${deep},\n{"x": ${deep}},\n{ "hostname" : "h2.example",\n "port": 0 }\n]`,
    )
    expect(proxies).toEqual([])
    expect(rejected.map((r) => [r.lineNumber, r.reason, r.line.length, r.message])).toEqual([
      [2, 'bad_json', 54 + deep.length, 'The value of "description" is nested too deeply to read.'],
      [3, 'bad_json', deep.length, 'Each element must be an object with hostname (or ip) and port, or a proxy line.'],
      [4, 'bad_host', deep.length + 7, 'The host is empty.'],
      [5, 'bad_port', 34, 'Port 0 is out of range (1–65535).'],
    ])
    expect(rejected[3]?.line).toBe('{"hostname":"h2.example","port":0}')
  })
})

describe('parseProxyLines: malformed JSON is one rejection, saying where', () => {
  const row = '{"hostname": "h.example", "port": 80}'
  const rows = Array.from({ length: 3 }, (_, i) => row.replace('h.', `h${i}.`)).join(',\n  ')
  const bad = [
    '[', '[1,]', '[,1]', '[1 2]', `[${row},]`, '[{"port": 1,}]', '[{"port" 1}]', '[{"port":}]', '[{port: 1}]', "[{'port': 1}]",
    '[01]', '[1.]', '[.5]', '[+1]', '[-]', '[1e]', '[NaN]', '[Infinity]', '[undefined]', '[tru]', '[nul]', '["a\\x"]', '["\\u12"]',
    '["a\tb"]', '["a\nb"]', '["never closed]', '[] x', '[]]', '[1] // comment', '[{"a": [1, 2}]', '[{"a": {"b": 1]}]',
    `[\n  ${rows},\n  {"hostname": "h\tx", "port": 80}\n]`,
    `[\n  ${rows},\n  {"hostname": "h.example", "port": 080}\n]`,
    `[\n  ${rows},\n  {"hostname": "h.example", "port": 80,}\n]`,
    `[\n  ${rows},\n  {"hostname": "h.example", "port": 80}\n`,
    `[\n  ${rows},\n]`,
  ]
  for (const text of bad) {
    it(JSON.stringify(text).slice(0, 60), () => {
      expect(() => JSON.parse(text)).toThrow()
      const { proxies, rejected } = parseProxyLines(text)
      expect(proxies).toEqual([])
      expect(rejected).toHaveLength(1)
      expect(rejected[0]?.reason).toBe('bad_json')
      // V8 gives where for every fault but an unexpected token in a text of up to 21 characters (it quotes it whole).
      expect(rejected[0]?.message).toMatch(text.length > 21 ? /^Not valid JSON at line \d+, column \d+: .+\.$/ : /^Not valid JSON(?: at line \d+, column \d+)?: .+\.$/)
    })
  }

  it('names the line and column of the fault, and shows that line', () => {
    const refused = (text: string) => parseProxyLines(text).rejected.map((r) => [r.lineNumber, r.message, r.line])
    expect(refused(`[\n  ${rows},\n  {"hostname": "h.example" "port": 80}\n]`)).toEqual([
      [5, `Not valid JSON at line 5, column 28: expected ',' or '}' after property value.`, '{"hostname": "h.example" "port": 80}'],
    ])
    // A trailing comma: V8 quotes the text around the token instead of giving its position.
    expect(refused(`[\n  ${rows},\n]`)).toEqual([[5, `Not valid JSON at line 5, column 1: unexpected token ']'.`, ']']])
    expect(refused(`[\n  ${rows},\n  {"hostname": "h.example", "port": 80,}, ${row}\n]`)).toEqual([
      [5, `Not valid JSON at line 5, column 40: expected double-quoted property name.`, `{"hostname": "h.example", "port": 80,}, ${row}`],
    ])
    expect(refused(`[,${' '.repeat(40)}${row}]`)).toEqual([[1, `Not valid JSON at line 1, column 2: unexpected token ','.`, `[,${' '.repeat(40)}${row}]`]])
    expect(refused(`[\n  ${rows},\n  {"hostname": "h.example", "port": tru}\n]`)).toEqual([
      [5, `Not valid JSON at line 5, column 40: unexpected token '}'.`, '{"hostname": "h.example", "port": tru}'],
    ])
    expect(refused('[\n  {"a": 1}\n')).toEqual([[3, "Not valid JSON at line 3, column 1: the text ends too early (expected ',' or ']' after array element).", '']])
    expect(refused('[1,]')).toEqual([[1, `Not valid JSON: Unexpected token ']', "[1,]" is not valid JSON.`, '[1,]']])
    // A minified file is one long line: it is shown shortened.
    const minified = `[${Array.from({ length: 20 }, () => row).join(',')},]`
    const [[lineNumber, message, line] = []] = refused(minified)
    expect([lineNumber, message]).toEqual([1, `Not valid JSON at line 1, column ${minified.length}: unexpected token ']'.`])
    expect(line).toBe(`${minified.slice(0, 200)}…`)
  })
})
