import { describe, expect, it } from 'vitest'
import { MAX_NAME_BYTES, createUniqueNamer, ovpnStem, safeFileName, sanitizeStem } from '../../../src/main/exports/file-names'

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

/** What every produced name must satisfy on Windows, macOS and Linux. */
function expectSafe(name: string): void {
  // eslint-disable-next-line no-control-regex
  expect(name).not.toMatch(/[/\\<>:"|?*\u0000-\u001f\u007f]/)
  expect(name).not.toMatch(/\.\./)
  expect(name).not.toMatch(/^[.\s]/)
  expect(name.replace(/\.ovpn$/, '')).not.toMatch(/[.\s]$/)
  expect(name.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i)
  expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES)
  expect(name).toBe(name.normalize('NFC'))
  expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(name)).toBe(false)
}

describe('safe file names', () => {
  const hostile = [
    '../../etc/passwd',
    '..\\..\\windows\\system32',
    'CON',
    'con',
    'NUL',
    'nul.txt',
    'COM1',
    'LPT9',
    'a/b\\c',
    'x'.repeat(300),
    '😀'.repeat(300),
    'Phone 😀 - VPN 🚀',
    'trailing dots...',
    'trailing spaces   ',
    '  .hidden',
    'tab\there\nnewline\u0000nul\u007fdel',
    'what?<>:"|*',
    '',
    '...',
    'e\u0301', // decomposed é
  ]

  it.each(hostile)('makes %j safe', (name) => {
    const out = safeFileName(name, '.ovpn', '', 'vpn')
    expectSafe(out)
    expect(out.endsWith('.ovpn')).toBe(true)
  })

  it('gives the expected names for the classic cases', () => {
    expect(safeFileName('../../etc/passwd', '.ovpn')).toBe('_._etc_passwd.ovpn')
    expect(safeFileName('CON', '.ovpn')).toBe('_CON.ovpn')
    expect(safeFileName('nul.txt', '.ovpn')).toBe('_nul.txt.ovpn')
    expect(safeFileName('a/b\\c', '.ovpn')).toBe('a_b_c.ovpn')
    expect(safeFileName('', '.ovpn', '', 'vpn')).toBe('vpn.ovpn')
    expect(safeFileName('...', '.ovpn', '', 'vpn')).toBe('vpn.ovpn')
    expect(safeFileName('trailing dots...', '.ovpn')).toBe('trailing dots.ovpn')
    expect(safeFileName('Phone 😀 - VPN 🚀', '.ovpn')).toBe('Phone 😀 - VPN 🚀.ovpn')
    expect(sanitizeStem('e\u0301')).toBe('é')
  })

  it('cuts long names on a character boundary, keeping the extension', () => {
    const long = safeFileName('x'.repeat(300), '.ovpn')
    expect(long).toBe('x'.repeat(MAX_NAME_BYTES - 5) + '.ovpn')
    const emoji = safeFileName('😀'.repeat(300), '.ovpn')
    expect(emoji).toMatch(/^(😀)+\.ovpn$/)
    expect(bytes(emoji)).toBe(Math.floor((MAX_NAME_BYTES - 5) / 4) * 4 + 5)
  })

  it('makes names unique, case-insensitively, even after cutting', () => {
    const unique = createUniqueNamer('.ovpn', 'vpn')
    const names = ['CON', 'con', 'a/b', 'a\\b', 'A_B', 'x'.repeat(300), 'x'.repeat(301), '../../etc/passwd', '..\\..\\etc\\passwd', '😀', '😀'].map(unique)
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length)
    names.forEach(expectSafe)
    expect(names.slice(0, 5)).toEqual(['_CON.ovpn', '_con (2).ovpn', 'a_b.ovpn', 'a_b (2).ovpn', 'A_B (3).ovpn'])
    expect(names[6]?.endsWith(' (2).ovpn')).toBe(true)
  })

  it('names an .ovpn after its connection and VPN', () => {
    expect(ovpnStem('Phone 1', 'Laptop')).toBe('Phone 1 - Laptop')
    expect(ovpnStem(undefined, 'Laptop')).toBe('Laptop')
  })
})
