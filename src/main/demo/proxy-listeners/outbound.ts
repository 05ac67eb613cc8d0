/**
 * Opens the simulator proxy's outbound socket to a loopback target and registers it in the exit registry
 * before resolving, i.e. before the client is told the tunnel is up and before any of its bytes are sent.
 */
import { connect, type Socket } from 'node:net'
import type { ExitRegistry } from '../exit-registry'

export type OutboundFailure = 'refused' | 'host-unreachable' | 'network-unreachable' | 'timeout' | 'failed'

export class OutboundError extends Error {
  override name = 'OutboundError'
  constructor(
    readonly failure: OutboundFailure,
    message: string,
  ) {
    super(message)
  }
}

export interface OutboundRequest {
  host: string
  port: number
  connectionId: string
  registry: ExitRegistry
  timeoutMs: number
  /** Called synchronously with the new socket, so the listener can destroy it on close even mid-connect. */
  track: (socket: Socket) => void
}

function classify(err: NodeJS.ErrnoException): OutboundFailure {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'refused'
    case 'EHOSTUNREACH':
      return 'host-unreachable'
    case 'ENETUNREACH':
      return 'network-unreachable'
    case 'ETIMEDOUT':
      return 'timeout'
    default:
      return 'failed'
  }
}

export function openOutbound(request: OutboundRequest): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: request.host, port: request.port, noDelay: true })
    request.track(socket)
    const timer = setTimeout(() => {
      cleanup()
      socket.destroy()
      reject(new OutboundError('timeout', `connecting to ${request.host}:${request.port} timed out`))
    }, request.timeoutMs)
    const onError = (err: NodeJS.ErrnoException) => {
      cleanup()
      reject(new OutboundError(classify(err), err.message))
    }
    const onClose = () => {
      // Destroyed without an error: the listener closed while we were connecting.
      cleanup()
      reject(new OutboundError('failed', 'outbound socket closed before it connected'))
    }
    const onConnect = () => {
      cleanup()
      request.registry.register(socket, request.connectionId)
      resolve(socket)
    }
    function cleanup() {
      clearTimeout(timer)
      socket.off('error', onError)
      socket.off('close', onClose)
      socket.off('connect', onConnect)
    }
    socket.once('error', onError)
    socket.once('close', onClose)
    socket.once('connect', onConnect)
  })
}

/**
 * Joins two sockets both ways; when either ends badly or closes, the other is torn down too.
 *
 * Why not `a.pipe(b); b.pipe(a)`: pipe() hangs about ten listeners on the two sockets and runs its unpipe
 * bookkeeping per tunnel, which showed in the simulator's CPU at a hundred tunnels a round. This does what pipe()
 * does for two sockets: write what arrives, pause the reader while the writer is full, pass the end on.
 */
export function joinSockets(a: Socket, b: Socket): void {
  relay(a, b)
  relay(b, a)
  const teardown = () => {
    a.destroy()
    b.destroy()
  }
  a.on('error', teardown)
  b.on('error', teardown)
  a.once('close', teardown)
  b.once('close', teardown)
}

function relay(from: Socket, to: Socket): void {
  const resume = () => from.resume()
  from.on('data', (chunk: Buffer) => {
    if (!to.write(chunk)) {
      from.pause()
      to.once('drain', resume)
    }
  })
  from.once('end', () => to.end())
  // As pipe() does: a source handed over paused (node:http's CONNECT socket may be) starts flowing.
  if (!from.readableFlowing) from.resume()
}
