/**
 * The simulator's set of proxy listeners, kept in step with its proxy accesses: open on create, update on
 * update (same port), close on delete, closeAll on shutdown.
 */
import { createExitRegistry, type ExitRegistry } from '../exit-registry'
import type { ProxyAccessDescription } from './access'
import { startProxyListener, type ProxyListener, type ProxyListenerOptions } from './listener'

export interface ProxyListenerPoolOptions extends Omit<ProxyListenerOptions, 'registry' | 'port'> {
  /** Shared with the echo endpoint; a fresh one when omitted. */
  registry?: ExitRegistry
}

export interface ProxyListenerPool {
  readonly registry: ExitRegistry
  /** Starts a listener for the access; for an id already open it applies the description and keeps the port. */
  open(access: ProxyAccessDescription): Promise<{ port: number }>
  /** Applies a new description to an open listener; throws when the id is not open. */
  update(access: ProxyAccessDescription): void
  close(id: string): Promise<void>
  closeAll(): Promise<void>
  count(): number
  get(id: string): ProxyListener | undefined
}

export function createProxyListenerPool(options: ProxyListenerPoolOptions = {}): ProxyListenerPool {
  const registry = options.registry ?? createExitRegistry()
  const listeners = new Map<string, ProxyListener>()
  const starting = new Map<string, Promise<ProxyListener>>()

  async function settled(id: string): Promise<ProxyListener | undefined> {
    return listeners.get(id) ?? (await starting.get(id)?.catch(() => undefined))
  }

  async function close(id: string): Promise<void> {
    const listener = await settled(id)
    if (!listener) return
    listeners.delete(id)
    await listener.close()
  }

  return {
    registry,
    async open(access) {
      const existing = await settled(access.id)
      if (existing) {
        existing.update(access)
        return { port: existing.port }
      }
      const start = startProxyListener(access, { ...options, registry })
      starting.set(access.id, start)
      try {
        const listener = await start
        listeners.set(access.id, listener)
        return { port: listener.port }
      } finally {
        starting.delete(access.id)
      }
    },
    update(access) {
      const listener = listeners.get(access.id)
      if (!listener) throw new Error(`no proxy listener is open for access ${access.id}`)
      listener.update(access)
    },
    close,
    async closeAll() {
      const ids = new Set([...starting.keys(), ...listeners.keys()])
      await Promise.all([...ids].map((id) => close(id)))
    },
    count: () => listeners.size + starting.size,
    get: (id) => listeners.get(id),
  }
}
