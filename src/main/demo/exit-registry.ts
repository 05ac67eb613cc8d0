/**
 * Which simulated connection a proxied request left through.
 *
 * The simulator's proxies open every outbound TCP socket themselves and register its local port here the
 * moment it connects, before the client is told the tunnel is up, so before any byte can reach the echo
 * endpoint. The echo endpoint then looks up the port its peer connected from (`req.socket.remotePort`).
 * This works inside opaque CONNECT and SOCKS tunnels, where no header could carry the connection id.
 * Entries disappear when the outbound socket closes, so a reused ephemeral port never inherits an old id.
 */
import type { Socket } from 'node:net'

export interface ExitRegistry {
  /** Records `socket.localPort -> connectionId`. Call once the socket is connected. */
  register(socket: Socket, connectionId: string): void
  /**
   * The connection id of the outbound socket whose local port is `localPort`. When `targetPort` is given the
   * entry must also have been connected to that port, which rules out a same-numbered port towards another
   * server (Linux may reuse an ephemeral port for a different destination).
   */
  lookup(localPort: number | undefined, targetPort?: number): string | undefined
  size(): number
}

interface ExitEntry {
  connectionId: string
  targetPort: number | undefined
  socket: Socket
}

export function createExitRegistry(): ExitRegistry {
  const byLocalPort = new Map<number, ExitEntry>()

  return {
    register(socket, connectionId) {
      const localPort = socket.localPort
      if (localPort === undefined || socket.destroyed) {
        throw new Error('exit registry: register a socket only after it has connected')
      }
      const entry: ExitEntry = { connectionId, targetPort: socket.remotePort, socket }
      byLocalPort.set(localPort, entry)
      socket.once('close', () => {
        // Only remove our own entry: the port may already belong to a newer socket.
        if (byLocalPort.get(localPort) === entry) byLocalPort.delete(localPort)
      })
    },
    lookup(localPort, targetPort) {
      if (localPort === undefined) return undefined
      const entry = byLocalPort.get(localPort)
      if (!entry) return undefined
      if (targetPort !== undefined && entry.targetPort !== targetPort) return undefined
      return entry.connectionId
    },
    size() {
      return byLocalPort.size
    },
  }
}
