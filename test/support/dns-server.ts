/**
 * A tiny DNS server on loopback UDP for the resolver tests: answers every A query with `address` (AAAA queries
 * get no answer records), or, when `silent`, answers nothing at all (a DNS server that is down or filtered).
 * It counts the queries it receives.
 */
import { createSocket } from 'node:dgram'
import type { AddressInfo } from 'node:net'

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, for Resolver.setServers. */
  server: string
  queries: string[]
  close(): Promise<void>
}

/** The question's name, and where the question ends (after its type and class). */
function readQuestion(msg: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = []
  let at = 12
  while (msg[at] !== 0) {
    const length = msg[at] as number
    labels.push(msg.subarray(at + 1, at + 1 + length).toString('ascii'))
    at += 1 + length
  }
  const type = msg.readUInt16BE(at + 1)
  return { name: labels.join('.'), type, end: at + 5 }
}

export async function startDnsServer(options: { address?: string; silent?: boolean } = {}): Promise<TestDnsServer> {
  const address = (options.address ?? '127.0.0.1').split('.').map(Number)
  const socket = createSocket('udp4')
  const queries: string[] = []
  socket.on('message', (msg, from) => {
    const question = readQuestion(msg)
    queries.push(question.name)
    if (options.silent) return
    const isA = question.type === 1
    const header = Buffer.alloc(12)
    msg.copy(header, 0, 0, 2) // the query's id
    header.writeUInt16BE(0x8180, 2) // a response, recursion desired and available, no error
    header.writeUInt16BE(1, 4) // one question
    header.writeUInt16BE(isA ? 1 : 0, 6) // one answer for A, none otherwise
    // The answer: a pointer to the question's name, type A, class IN, TTL 60, 4 bytes of address.
    const answer = isA ? Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, ...address]) : Buffer.alloc(0)
    socket.send(Buffer.concat([header, msg.subarray(12, question.end), answer]), from.port, from.address)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  return {
    server: `127.0.0.1:${(socket.address() as AddressInfo).port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
