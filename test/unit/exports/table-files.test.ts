import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createExportsService } from '../../../src/main/exports/service'
import { CONNECTION_CSV_COLUMNS } from '../../../src/shared/csv-tables'
import { exportsTestBed, stubDesktop } from './test-bed'

const bed = exportsTestBed('iproxy-tables-')

function service(savePath: string | undefined) {
  const dialogs: Array<{ title: string; defaultName: string }> = []
  const desktop = stubDesktop({
    chooseSaveFile: async (o) => {
      dialogs.push({ title: o.title, defaultName: o.defaultName })
      return savePath
    },
  })
  return { dialogs, svc: createExportsService({ client: () => bed.client, desktop, userDataDir: join(bed.dir, 'userData') }) }
}

describe('connections and IP history saved as CSV files', () => {
  it('writes every connection of the account, with its state, to the chosen file', async () => {
    const { dialogs, svc } = service(join(bed.dir, 'fleet'))
    const result = await svc.saveConnectionsCsv({})
    const conns = [...bed.sim.state.connections.values()]
    expect(result).toEqual({ path: join(bed.dir, 'fleet.csv'), rows: conns.length })
    expect(dialogs).toEqual([{ title: 'Save connections as CSV', defaultName: 'connections.csv' }])
    const lines = (await readFile(join(bed.dir, 'fleet.csv'), 'utf8')).trimEnd().split('\n')
    expect(lines[0]).toBe(CONNECTION_CSV_COLUMNS.join(','))
    expect(lines).toHaveLength(1 + conns.length)
    const first = conns[0]!
    const row = lines.find((l) => l.startsWith(`${first.id},`))
    expect(row).toContain(first.status)
    expect(row).toContain(`,${first.country},${first.city},`)
  })

  it('writes only the chosen connections; a cancelled dialog writes nothing', async () => {
    const [a] = [...bed.sim.state.connections.values()]
    const { svc } = service(join(bed.dir, 'one.csv'))
    expect(await svc.saveConnectionsCsv({ connectionIds: [a!.id] })).toMatchObject({ rows: 1 })
    expect(await service(undefined).svc.saveConnectionsCsv({})).toEqual({ cancelled: true })
    expect((await readdir(bed.dir)).filter((f) => f.endsWith('.csv'))).toEqual(['one.csv'])
  })

  it('writes a connection’s IP history over the window, named after the connection', async () => {
    const conn = [...bed.sim.state.connections.values()].find((c) => c.device)!
    const to = new Date(bed.sim.state.now()).toISOString()
    const from = new Date(bed.sim.state.now() - 7 * 86_400_000).toISOString()
    const expected = await bed.client.stats.ipHistory(conn.id, { from, to })
    expect(expected.length).toBeGreaterThan(0)
    const { dialogs, svc } = service(join(bed.dir, 'ips.csv'))
    expect(await svc.saveIpHistoryCsv({ connId: conn.id, from, to })).toEqual({ path: join(bed.dir, 'ips.csv'), rows: expected.length })
    expect(dialogs[0]!.defaultName).toMatch(/ - IP history\.csv$/)
    const lines = (await readFile(join(bed.dir, 'ips.csv'), 'utf8')).trimEnd().split('\n')
    expect(lines[0]).toBe('date,ipv4,ipv6')
    expect(lines.slice(1)).toEqual(expected.map((e) => `${e.date},${e.ipv4 ?? ''},${e.ipv6 ?? ''}`))
  })
})
