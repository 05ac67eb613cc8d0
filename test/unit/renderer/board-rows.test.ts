/**
 * The fleet board's rows (features/connections/connection-rows.ts): the history board joined to the account's
 * connections by id, the current exit IP (the newer of the last check's and the latest sighting), the warning
 * filter, search over exit IPs, and the sorts of the history columns.
 */
import { describe, expect, test } from 'vitest'
import type { BoardRow } from '../../../src/shared/history'
import type { Connection } from '../../../src/shared/iproxy'
import type { ProxyAccessView } from '../../../src/shared/iproxy/proxy-access-view'
import { buildRows, filterRows, proxyCounts, sortRows } from '../../../src/renderer/src/features/connections/connection-rows'
import { DEFAULT_CONNECTIONS_VIEW } from '../../../src/renderer/src/stores/connections-view'

const NOW = Date.parse('2026-12-06T12:00:00Z')

function connection(id: string, name: string): Connection {
  return {
    id,
    basic_info: { name, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', server_geo: { country: 'DE', city: 'ber' } },
    shared_users: [],
    settings: {} as Connection['settings'],
  }
}

const connections = [connection('c1', 'Alpha'), connection('c2', 'Bravo'), connection('c3', 'Charlie')]
const board: BoardRow[] = [
  {
    connectionId: 'c1',
    uptime24h: 0.5,
    uptime7d: 0.9,
    lastCheck: { at: NOW - 60_000, status: 'ok', ok: true, totalMs: 300, exitIp: '10.0.0.10' },
    // A change of IP seen after the last check: the board shows the newer address.
    exitIp: { ip: '10.0.0.99', lastSeen: NOW - 10_000 },
    ipChanges24h: 2,
    repeatedIp: false,
    sharedIp: true,
  },
  {
    connectionId: 'c2',
    uptime24h: 1,
    uptime7d: 1,
    lastCheck: { at: NOW - 30_000, status: 'timeout', ok: false, totalMs: 10_000, error: 'no answer' },
    exitIp: { ip: '10.0.0.9', lastSeen: NOW - 3_600_000 },
    ipChanges24h: 0,
    repeatedIp: true,
    sharedIp: false,
  },
  // A connection the history knows but the account no longer has: not on the board.
  { connectionId: 'gone', ipChanges24h: 0, repeatedIp: false, sharedIp: false },
]
const proxies = [
  { id: 'p1', connection_id: 'c1' },
  { id: 'p2', connection_id: 'c1' },
  { id: 'p3', connection_id: 'c3' },
] as ProxyAccessView[]

const rows = buildRows(connections, undefined, proxyCounts(proxies), board)
const byId = (id: string) => rows.find((r) => r.id === id)!
const names = (list: ReadonlyArray<{ name: string }>) => list.map((r) => r.name)

describe('board rows', () => {
  test('joined by connection id: history columns, the newer exit IP with when it was seen, the first proxy', () => {
    expect(rows.map((r) => r.id)).toEqual(['c1', 'c2', 'c3'])
    expect(byId('c1')).toMatchObject({ uptime24h: 0.5, uptime7d: 0.9, exitIp: '10.0.0.99', exitIpSeen: NOW - 10_000, ipChanges24h: 2, sharedIp: true, proxies: 2, firstProxyId: 'p1' })
    // No IP in the last check: the latest sighting.
    expect(byId('c2')).toMatchObject({ exitIp: '10.0.0.9', exitIpSeen: NOW - 3_600_000, repeatedIp: true })
    // Nothing in the history yet: blanks, no warning.
    expect(byId('c3')).toMatchObject({ exitIp: undefined, lastCheck: undefined, ipChanges24h: undefined, repeatedIp: false, sharedIp: false, firstProxyId: 'p3' })
  })

  test('"has warning" keeps the repeated and shared; search finds exit IPs, the last check\'s too', () => {
    const view = { ...DEFAULT_CONNECTIONS_VIEW }
    expect(names(filterRows(rows, { ...view, warning: true }))).toEqual(['Alpha', 'Bravo'])
    expect(names(filterRows(rows, { ...view, search: '10.0.0.99' }))).toEqual(['Alpha'])
    expect(names(filterRows(rows, { ...view, search: '10.0.0.10' }))).toEqual(['Alpha'])
    expect(names(filterRows(rows, { ...view, search: '10.0.0.9' }))).toEqual(['Alpha', 'Bravo'])
    expect(names(filterRows(rows, { ...view, search: '10.0.0.9', warning: true, status: 'nodata' }))).toEqual(['Alpha', 'Bravo'])
  })

  test('sorts: uptime, last check (failures first), exit IP (flagged first, then by address), IP changes; blanks last', () => {
    const asc = (column: 'uptime' | 'lastCheck' | 'exitIp' | 'ipChanges') => names(sortRows(rows, { column, direction: 'asc' }, NOW))
    const desc = (column: 'uptime' | 'lastCheck' | 'exitIp' | 'ipChanges') => names(sortRows(rows, { column, direction: 'desc' }, NOW))
    expect(asc('uptime')).toEqual(['Alpha', 'Bravo', 'Charlie'])
    expect(desc('uptime')).toEqual(['Bravo', 'Alpha', 'Charlie'])
    expect(asc('lastCheck')).toEqual(['Bravo', 'Alpha', 'Charlie'])
    // Both flagged: 10.0.0.9 before 10.0.0.99 by address, not by text.
    expect(asc('exitIp')).toEqual(['Bravo', 'Alpha', 'Charlie'])
    expect(asc('ipChanges')).toEqual(['Bravo', 'Alpha', 'Charlie'])
    expect(desc('ipChanges')).toEqual(['Alpha', 'Bravo', 'Charlie'])
  })
})
