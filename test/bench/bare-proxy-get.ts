/**
 * The floor under `npm run bench:health`: one GET of the echo through a simulator proxy with nothing but a raw
 * socket (SOCKS5 greeting, username/password and CONNECT written as bytes; for an HTTP proxy, an absolute-URI GET
 * with Proxy-Authorization), the answer taken as ok when it starts with "HTTP/1.1 200" and holds an "ip" field.
 * No library, no timings, no error reporting: the least CPU a check can cost here, so the bench can print how
 * close this machine and the simulator let any checker get to the ideal.
 */
import { connect } from 'node:net'
import type { HealthTarget } from '../../src/shared/health'

export function bareProxyGet(target: HealthTarget, echoUrl: string): Promise<boolean> {
  const url = new URL(echoUrl)
  const port = Number(url.port)
  return new Promise((resolve) => {
    const socket = connect(target.port, target.host)
    const chunks: Buffer[] = []
    socket.on('error', () => resolve(false))
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      socket.destroy()
      resolve(text.startsWith('HTTP/1.1 200') && text.includes('"ip"'))
    })
    if (target.protocol === 'http') {
      const auth = target.username ? `Proxy-Authorization: Basic ${Buffer.from(`${target.username}:${target.password ?? ''}`).toString('base64')}\r\n` : ''
      socket.on('connect', () => socket.write(`GET ${echoUrl} HTTP/1.1\r\nHost: ${url.host}\r\n${auth}Connection: close\r\n\r\n`))
      socket.on('data', (d: Buffer) => chunks.push(d))
      return
    }
    // SOCKS5: greeting → (username/password) → CONNECT to the echo's IPv4 address → the GET.
    let step = target.username ? 0 : 1
    socket.on('connect', () => socket.write(Buffer.from(target.username ? [5, 1, 2] : [5, 1, 0])))
    socket.on('data', (d: Buffer) => {
      if (step === 0) {
        const user = Buffer.from(target.username ?? '')
        const pass = Buffer.from(target.password ?? '')
        socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([pass.length]), pass]))
      } else if (step === 1) {
        socket.write(Buffer.from([5, 1, 0, 1, ...url.hostname.split('.').map(Number), port >> 8, port & 255]))
      } else if (step === 2) {
        socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`)
      } else chunks.push(d)
      step += 1
    })
  })
}
