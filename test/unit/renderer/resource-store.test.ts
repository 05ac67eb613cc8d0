/**
 * stores/resource-store.ts: the account-wide list and each connection's list live in one store, and one
 * applyChange keeps every loaded list right, so a proxy made on a connection's tab is on the Proxies screen
 * (and a VPN access deleted on the VPN screen is off its connection's tab) with no request. Lists are served
 * here by plain in-memory functions: the store's own logic is what is under test.
 */
import { describe, expect, it } from 'vitest'
import { ACCOUNT, cacheSlot } from '../../../src/renderer/src/stores/cache'
import { applied, createResourceStore } from '../../../src/renderer/src/stores/resource-store'

interface Item {
  id: string
  conn: string
  name: string
}

function storeOf(items: Item[]) {
  const calls: string[] = []
  const resource = createResourceStore<Item>({
    listAll: async () => {
      calls.push('all')
      return items.map((i) => ({ ...i }))
    },
    listOfConnection: async (connId) => {
      calls.push(connId)
      return items.filter((i) => i.conn === connId).map((i) => ({ ...i }))
    },
    connectionOf: (item) => item.conn,
  })
  const list = (profileId: string, key: string) => resource.store.getState().entries[cacheSlot(profileId, key)]?.data
  return { resource, calls, list }
}

const ITEMS: Item[] = [
  { id: 'a', conn: 'c1', name: 'first' },
  { id: 'b', conn: 'c2', name: 'second' },
]

describe('resource store', () => {
  it('applies a create, an update and a delete to the account list and the item’s connection list, with no request', async () => {
    const { resource, calls, list } = storeOf(ITEMS)
    await resource.refresh('p1')
    await resource.refresh('p1', 'c1')
    await resource.refresh('p1', 'c2')
    expect(calls).toEqual(['all', 'c1', 'c2'])

    resource.applyChange('p1', { kind: 'create', item: { id: 'n', conn: 'c1', name: 'new' } })
    expect(list('p1', ACCOUNT)?.map((i) => i.id)).toEqual(['a', 'b', 'n'])
    expect(list('p1', 'c1')?.map((i) => i.id)).toEqual(['a', 'n'])
    expect(list('p1', 'c2')?.map((i) => i.id)).toEqual(['b'])

    resource.applyChange('p1', { kind: 'update', item: { id: 'n', conn: 'c1', name: 'renamed' } })
    expect(list('p1', ACCOUNT)?.find((i) => i.id === 'n')?.name).toBe('renamed')
    expect(list('p1', 'c1')?.find((i) => i.id === 'n')?.name).toBe('renamed')

    resource.applyChange('p1', { kind: 'delete', item: { id: 'a', conn: 'c1', name: 'first' } })
    expect(list('p1', ACCOUNT)?.map((i) => i.id)).toEqual(['b', 'n'])
    expect(list('p1', 'c1')?.map((i) => i.id)).toEqual(['n'])
    expect(calls).toEqual(['all', 'c1', 'c2'])
  })

  it('leaves lists never loaded unloaded (they are fetched whole when first shown) and other profiles alone', async () => {
    const { resource, list } = storeOf(ITEMS)
    await resource.refresh('p1', 'c1')
    await resource.refresh('p2')
    resource.applyChange('p1', { kind: 'create', item: { id: 'n', conn: 'c1', name: 'new' } })
    expect(list('p1', ACCOUNT)).toBeUndefined()
    expect(list('p1', 'c1')?.map((i) => i.id)).toEqual(['a', 'n'])
    expect(list('p2', ACCOUNT)?.map((i) => i.id)).toEqual(['a', 'b'])
  })

  it('a failed refresh keeps the last good list next to the reason', async () => {
    let fail = false
    const resource = createResourceStore<Item>({
      listAll: async () => {
        if (fail) throw new Error('503 from the API')
        return ITEMS
      },
      listOfConnection: async () => [],
      connectionOf: (item) => item.conn,
    })
    await resource.refresh('p1')
    fail = true
    await resource.refresh('p1')
    const entry = resource.store.getState().entries[cacheSlot('p1', ACCOUNT)]
    expect(entry?.data?.map((i) => i.id)).toEqual(['a', 'b'])
    expect(entry?.error).toContain('503 from the API')
    expect(entry?.loading).toBe(false)
  })

  it('a create of an item already listed replaces it rather than listing it twice', () => {
    expect(applied(ITEMS, { kind: 'create', item: { id: 'a', conn: 'c1', name: 'again' } })).toEqual([{ id: 'a', conn: 'c1', name: 'again' }, ITEMS[1]])
  })
})
