/**
 * A raw TCP server that answers each HTTP request head with scripted pieces: for testing HTTP readers against
 * every framing (and malformed answers) exactly as written, which no HTTP server library would send.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net'

export interface ScriptedHttpServer {
  port: number
  /** Every request head received, in order. */
  heads: string[]
  close(): Promise<void>
}

/**
 * `answerFor(head)` gives the pieces to write, 5 ms apart (so readers meet every piece boundary), after which the
 * server closes the connection; `null` closes it at once without a word.
 */
export async function startScriptedHttpServer(answerFor: (head: string) => ReadonlyArray<string | Buffer> | null): Promise<ScriptedHttpServer> {
  const heads: string[] = []
  const held: Socket[] = []
  const server = createServer((socket) => {
    held.push(socket)
    socket.on('error', () => {})
    let head = ''
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      heads.push(head)
      const answer = answerFor(head)
      if (!answer) return void socket.destroy()
      answer.forEach((piece, i) => setTimeout(() => socket.write(piece), i * 5))
      setTimeout(() => socket.end(), answer.length * 5 + 5)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return {
    port: (server.address() as AddressInfo).port,
    heads,
    close: async () => {
      for (const s of held) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
