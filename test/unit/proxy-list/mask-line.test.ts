/**
 * Refused lines of a pasted list are shown without their passwords (issue 17, point 12): every form the line
 * reader takes, CSV rows by their header's password column, JSON elements by their keys, and the message too.
 */
import { describe, expect, it } from 'vitest'
import { parseProxyLines } from '../../../src/shared/proxy-list/parse'

/** Every rejection of `text`, with the assertion that no secret (strings starting "s3cret") is left anywhere in it. */
function rejectedOf(text: string) {
  const { rejected } = parseProxyLines(text)
  expect(JSON.stringify(rejected)).not.toMatch(/s3cret/)
  return rejected.map((r) => [r.line, r.message])
}

describe('refused list lines are masked', () => {
  it('line forms: userinfo, host:port:login:password, login:password:host:port, host:port@login:password', () => {
    expect(rejectedOf('u:s3cretA@a.example:1\nu:s3cretA@a.example:1')).toEqual([['u:***@a.example:1', 'The same proxy as line 1.']])
    expect(rejectedOf('socks5://u:s3cretB@bad host:1')).toEqual([['socks5://u:***@bad host:1', '"bad host" is not a valid host name or IP address.']])
    expect(rejectedOf('ftp://u:s3cretC@h.example:21')[0]?.[0]).toBe('ftp://u:***@h.example:21')
    expect(rejectedOf('u:s3cretD@h.example')[0]?.[0]).toBe('u:***@h.example')
    expect(rejectedOf('h.example:99999@u:s3cretE')[0]?.[0]).toBe('h.example:99999@u:***')
    expect(rejectedOf('u:s3cretF@h.example:1:extra')[0]?.[0]).toBe('u:***@h.example:1:extra')
  })

  it('a line of no known shape shows only its first field, and its message quotes none of the rest', () => {
    // "u:s3cretG:h.example" is read as host "u" and port "s3cretG...": the message would quote the password.
    expect(rejectedOf('u:s3cretG:h.example')).toEqual([['u:***', '"***" is not a port number (1–65535).']])
    expect(rejectedOf('u:s3cretH')).toEqual([['u:***', '"***" is not a port number (1–65535).']])
  })

  it('CSV rows: the password column, quoted or not, also in rows with the wrong count of fields', () => {
    const text = 'hostname,port,login,password\nh.example,0,u,s3cretI\nh.example,1,u,"s3,cretJ",x\nh.example,1,"u,s3cretK'
    expect(rejectedOf(text).map(([line]) => line)).toEqual(['h.example,0,u,***', 'h.example,1,u,***,x', 'h.example,1,***'])
  })

  it('JSON: password values, proxy lines in strings, and the line shown with a syntax error', () => {
    expect(rejectedOf('[{"hostname":"h","port":0,"login":"u","password":"s3cretL"}, "socks5://u:s3cretM@h", {"password":"s3cretN"}]').map(([line]) => line)).toEqual([
      '{"hostname":"h","port":0,"login":"u","password":"***"}',
      'socks5://u:***@h',
      '{"password":"***"}',
    ])
    expect(rejectedOf('[{"hostname":"h","port":1,"password":"s3cretO"')[0]?.[0]).toBe('[{"hostname":"h","port":1,"password":"***"')
  })

  it('a line without a password is shown as written', () => {
    expect(rejectedOf('h.example:0\nh.example:1:loginonly').map(([line]) => line)).toEqual(['h.example:0', 'h.example:1:loginonly'])
  })
})
