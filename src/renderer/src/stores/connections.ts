/**
 * Connections: the account's list (GET /connections) and, per connection, the connection as its detail view loads
 * it (GET /connections/{id}, kept as a list of one so it lives in the same resource store). A change saved in the
 * detail (a rename, a plan, team access, settings) goes through applyChange and so shows in the list at once.
 * Statuses (GET /connections-status) are read-only and refreshed on their own timer, so they have a cache of their own.
 */
import { useMemo } from 'react'
import type { Connection, ConnectionStatus } from '../../../shared/iproxy'
import { getApi } from '../bridge'
import type { CachedData } from './cache'
import { ACCOUNT, cacheSlot, createCache, useCached } from './cache'
import { createResourceStore } from './resource-store'

export const connectionStore = createResourceStore<Connection>({
  listAll: () => getApi().connections.list(),
  listOfConnection: async (connId) => [await getApi().connections.get({ connId })],
  connectionOf: (connection) => connection.id,
})

/** The connection, loaded when its detail opens. */
export function useConnection(connId: string): CachedData<Connection> {
  const { data, ...rest } = connectionStore.useList(connId)
  const connection = data?.[0]
  return connection ? { ...rest, data: connection } : rest
}

/** Applies a saved change to a connection (as its detail shows it, else as the list does) through applyChange. */
export function updateConnection(profileId: string, connId: string, change: (connection: Connection) => Connection): void {
  const { entries } = connectionStore.store.getState()
  const current = entries[cacheSlot(profileId, connId)]?.data?.[0] ?? entries[cacheSlot(profileId, ACCOUNT)]?.data?.find((c) => c.id === connId)
  if (current) connectionStore.applyChange(profileId, { kind: 'update', item: change(current) })
}

export const statusesCache = createCache<ConnectionStatus[]>()
const fetchStatuses = () => getApi().connections.statuses()

/** Every connection's status, one request for the account. */
export const useStatuses = (): CachedData<ConnectionStatus[]> => useCached(statusesCache, ACCOUNT, fetchStatuses)
export const reloadStatuses = (profileId: string) => statusesCache.getState().load(profileId, ACCOUNT, fetchStatuses, { force: true })


/** The account's connections and their names by id, for lists that show each item's connection (`enabled` false: nothing is fetched). */
export function useConnectionNames(enabled: boolean): { connections: Connection[] | undefined; names: Map<string, string> | undefined } {
  const { data } = connectionStore.useList(undefined, { skip: !enabled })
  const names = useMemo(() => (data ? new Map(data.map((c) => [c.id, c.basic_info.name])) : undefined), [data])
  return { connections: data, names }
}
