/**
 * Which program listens on a TCP port, where the OS tells it without extra tools: Linux's /proc (the listening
 * socket's inode in /proc/net/tcp{,6}, then the process holding it). Elsewhere, or when the process belongs to
 * another user, nothing is known and the message names only the port.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

export function portHolder(port: number): string | undefined {
  if (process.platform !== 'linux') return undefined
  try {
    const inodes = new Set<string>()
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let text = ''
      try {
        text = readFileSync(table, 'utf8')
      } catch {
        continue
      }
      for (const line of text.split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/)
        // local_address is HEXIP:HEXPORT; state 0A is LISTEN; the inode is the 10th column.
        if (cols.length > 9 && cols[3] === '0A' && Number.parseInt(cols[1]!.split(':')[1]!, 16) === port) inodes.add(cols[9]!)
      }
    }
    if (inodes.size === 0) return undefined
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let fds: string[]
      try {
        fds = readdirSync(`/proc/${pid}/fd`)
      } catch {
        continue
      }
      for (const fd of fds) {
        let link = ''
        try {
          link = readlinkSync(`/proc/${pid}/fd/${fd}`)
        } catch {
          continue
        }
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1]
        if (inode && inodes.has(inode)) return `${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()} (PID ${pid})`
      }
    }
  } catch {
    return undefined
  }
  return undefined
}
