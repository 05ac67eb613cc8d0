/**
 * The local relays (main/relay) as the Relays screen shows them: read with `relay.list`, polled once a second while
 * the screen is open (bytes and rates are live), and changed through the relay calls, each answer replacing that
 * relay's row.
 */
import { create } from 'zustand'
import type { RelayDefinitionInput, RelayStatus } from '../../../shared/relay'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'

interface RelaysState {
  relays: RelayStatus[] | undefined
  error?: string
  load(): Promise<void>
  create(input: RelayDefinitionInput): Promise<void>
  start(id: string): Promise<void>
  stop(id: string): Promise<void>
  remove(id: string): Promise<void>
}

function replace(list: RelayStatus[] | undefined, status: RelayStatus): RelayStatus[] {
  const rest = (list ?? []).filter((r) => r.id !== status.id)
  const index = (list ?? []).findIndex((r) => r.id === status.id)
  if (index < 0) return [...rest, status]
  rest.splice(index, 0, status)
  return rest
}

export const useRelays = create<RelaysState>((set, get) => ({
  relays: undefined,
  load: async () => {
    try {
      set({ relays: await getApi().relay.list(), error: undefined })
    } catch (err) {
      set({ error: errorMessage(err) })
    }
  },
  create: async (input) => {
    const status = await getApi().relay.create(input)
    set({ relays: replace(get().relays, status) })
  },
  start: async (id) => {
    const status = await getApi().relay.start({ id })
    set({ relays: replace(get().relays, status) })
  },
  stop: async (id) => {
    const status = await getApi().relay.stop({ id })
    set({ relays: replace(get().relays, status) })
  },
  remove: async (id) => {
    await getApi().relay.remove({ id })
    set({ relays: (get().relays ?? []).filter((r) => r.id !== id) })
  },
}))

/** The address a tool is given: `http://127.0.0.1:PORT` or `socks5://127.0.0.1:PORT`. */
export function listenerAddress(status: RelayStatus, kind: 'http' | 'socks5'): string | undefined {
  const listener = status.listeners.find((l) => l.kind === kind)
  if (!listener) return undefined
  const host = status.bindAddress === '0.0.0.0' ? '127.0.0.1' : status.bindAddress
  return `${kind}://${host}:${listener.port}`
}
