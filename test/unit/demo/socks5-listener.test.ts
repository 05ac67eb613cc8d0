import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { SocksClient } from 'socks'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEchoServer } from '../../../src/main/demo/echo-server'
import { SocksReply } from '../../../src/main/demo/proxy-listeners'
import { ByteReader } from './byte-reader'
import { access, curl, EXITS, expectTcpHandlesBackTo, getOverSocket, startRig, tcpHandleCount, type Rig } from './net-harness'

let rig: Rig
let baseline: number
const open: Socket[] = []

beforeEach(async () => {
  baseline = tcpHandleCount()
  rig = await startRig()
})

afterEach(async () => {
  for (const s of open.splice(0)) s.destroy()
  await rig.close()
  await expectTcpHandlesBackTo(baseline)
})

async function rawClient(port: number): Promise<{ socket: Socket; reader: ByteReader }> {
  const socket = connect({ host: '127.0.0.1', port })
  open.push(socket)
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  return { socket, reader: new ByteReader(socket) }
}

/** Greets with username/password, authenticates, and returns the reader positioned at the request reply. */
async function authenticated(port: number, login = 'alice', password = 's3cret') {
  const client = await rawClient(port)
  client.socket.write(Buffer.from([5, 1, 2]))
  expect([...(await client.reader.read(2))]).toEqual([5, 2])
  client.socket.write(Buffer.concat([Buffer.from([1, login.length]), Buffer.from(login), Buffer.from([password.length]), Buffer.from(password)]))
  return client
}

function connectRequest(atyp: number, address: Buffer, port: number, command = 1): Buffer {
  const p = Buffer.alloc(2)
  p.writeUInt16BE(port)
  return Buffer.concat([Buffer.from([5, command, 0, atyp]), address, p])
}

function waitClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())))
}

describe('SOCKS5 listener', () => {
  it('carries curl --proxy socks5h:// (domain address type) to the echo endpoint, which sees the connection exit', async () => {
    const { port } = await rig.pool.open(access())
    const result = await curl(['--proxy', `socks5h://alice:s3cret@127.0.0.1:${port}`, `http://localhost:${rig.echo.port}/echo`])
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual({ ...EXITS['conn-a'], connection_id: 'conn-a' })
  })

  it('carries curl --socks5 (IPv4 address type) with --proxy-user', async () => {
    const { port } = await rig.pool.open(access({ connectionId: 'conn-b' }))
    const result = await curl(['--socks5', `127.0.0.1:${port}`, '--proxy-user', 'alice:s3cret', rig.echo.url])
    expect(JSON.parse(result.stdout)).toMatchObject({ ip: EXITS['conn-b']?.ip, carrier: 'MegaFon' })
  })

  it('works with the socks npm client, including an IPv6 target', async () => {
    const { port } = await rig.pool.open(access())
    const echo6 = await startEchoServer({ host: '::1', registry: rig.registry, lookupExit: (id) => EXITS[id] })
    try {
      for (const host of ['127.0.0.1', '::1']) {
        const { socket } = await SocksClient.createConnection({
          proxy: { host: '127.0.0.1', port, type: 5, userId: 'alice', password: 's3cret' },
          command: 'connect',
          destination: { host, port: host === '::1' ? echo6.port : rig.echo.port },
          timeout: 5_000,
        })
        open.push(socket)
        const reply = await getOverSocket(socket)
        expect(reply.status).toBe(200)
        expect(JSON.parse(reply.body)).toMatchObject({ ip: EXITS['conn-a']?.ip, connection_id: 'conn-a' })
      }
    } finally {
      await echo6.close()
    }
  })

  it('answers a wrong password with RFC 1929 status 0x01 and closes', async () => {
    const { port } = await rig.pool.open(access())
    const { socket, reader } = await authenticated(port, 'alice', 'wrong')
    expect([...(await reader.read(2))]).toEqual([1, 1])
    await waitClosed(socket)
    const viaCurl = await curl(['--proxy', `socks5h://alice:wrong@127.0.0.1:${port}`, rig.echo.url])
    expect(viaCurl.exitCode).not.toBe(0)
    expect(viaCurl.stdout).toBe('')
  })

  it('refuses a client that offers no credentials when the access is userpass (method 0xFF)', async () => {
    const { port } = await rig.pool.open(access())
    const { socket, reader } = await rawClient(port)
    socket.write(Buffer.from([5, 1, 0]))
    expect([...(await reader.read(2))]).toEqual([5, 0xff])
    await waitClosed(socket)
    const viaCurl = await curl(['--proxy', `socks5h://127.0.0.1:${port}`, rig.echo.url])
    expect(viaCurl.exitCode).not.toBe(0)
  })

  it('serves a noauth access without credentials', async () => {
    const { port } = await rig.pool.open(access({ authType: 'noauth', login: undefined, password: undefined }))
    const result = await curl(['--proxy', `socks5h://127.0.0.1:${port}`, rig.echo.url])
    expect(JSON.parse(result.stdout)).toMatchObject({ ip: EXITS['conn-a']?.ip })
  })

  it('refuses non-loopback targets with reply 0x02 and never connects out', async () => {
    const { port } = await rig.pool.open(access())
    const targets: Array<[number, Buffer]> = [
      [1, Buffer.from([192, 0, 2, 1])], // TEST-NET-1
      [3, Buffer.concat([Buffer.from([11]), Buffer.from('example.com')])],
      [4, Buffer.from('20010db8000000000000000000000001', 'hex')],
    ]
    for (const [atyp, address] of targets) {
      const { socket, reader } = await authenticated(port)
      expect([...(await reader.read(2))]).toEqual([1, 0])
      socket.write(connectRequest(atyp, address, 80))
      const reply = await reader.read(2)
      expect(reply[1]).toBe(SocksReply.notAllowedByRuleset)
      await waitClosed(socket)
    }
    expect(rig.registry.size()).toBe(0)
    const viaCurl = await curl(['--proxy', `socks5h://alice:s3cret@127.0.0.1:${port}`, 'http://example.com/'])
    expect(viaCurl.exitCode).not.toBe(0)
  })

  it('answers 0x05 for a refused loopback port and 0x07 for BIND', async () => {
    const { port } = await rig.pool.open(access())
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()))
    const closedPort = (probe.address() as AddressInfo).port
    await new Promise<void>((r) => probe.close(() => r()))

    const refused = await authenticated(port)
    await refused.reader.read(2)
    refused.socket.write(connectRequest(1, Buffer.from([127, 0, 0, 1]), closedPort))
    expect((await refused.reader.read(2))[1]).toBe(SocksReply.connectionRefused)

    const bind = await authenticated(port)
    await bind.reader.read(2)
    bind.socket.write(connectRequest(1, Buffer.from([127, 0, 0, 1]), rig.echo.port, 2))
    expect((await bind.reader.read(2))[1]).toBe(SocksReply.commandNotSupported)
  })

  it('forwards bytes the client pipelined behind its CONNECT request', async () => {
    const { port } = await rig.pool.open(access())
    const { socket, reader } = await authenticated(port)
    expect([...(await reader.read(2))]).toEqual([1, 0])
    const request = Buffer.from('GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    socket.write(Buffer.concat([connectRequest(1, Buffer.from([127, 0, 0, 1]), rig.echo.port), request]))
    const head = await reader.read(10)
    expect(head[1]).toBe(SocksReply.succeeded)
    const rest = reader.detach()
    const chunks: Buffer[] = [rest]
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.resume()
    await waitClosed(socket)
    expect(Buffer.concat(chunks).toString()).toContain(`"connection_id":"conn-a"`)
  })
})
