import { describe, expect, it } from 'vitest'
import { CONNECTION_CSV_COLUMNS, connectionsCsv, ipHistoryCsv } from '../../../src/shared/csv-tables'
import { connectionListResponseSchema, connectionStatusListResponseSchema, ipHistoryResponseSchema } from '../../../src/shared/iproxy'
import * as seed from '../iproxy/seed-examples'

const connections = connectionListResponseSchema.parse(seed.connectionList).connections
const statuses = connectionStatusListResponseSchema.parse(seed.connectionStatuses).connections

/** The file read back the way a spreadsheet would: header, then rows of cells. */
function cells(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  return rows
}

describe('connections as CSV', () => {
  it('has a header with every column, and one row per connection with the seed’s values', () => {
    const rows = cells(connectionsCsv(connections, statuses))
    expect(rows[0]).toEqual([...CONNECTION_CSV_COLUMNS])
    expect(rows).toHaveLength(1 + connections.length)
    const first = Object.fromEntries(CONNECTION_CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]))
    expect(first).toMatchObject({
      id: connections[0]!.id,
      name: 'online connection',
      country: 'pl',
      city: 'waw',
      plan_id: 'nlUs1D8PKL',
      plan_expires_at: '2025-08-10T10:55:10.913Z',
      auto_prolong: 'no',
      manufacturer: 'Samsung',
      model: 'SM-A236B',
      android_version: '14',
      app_version: '574',
    })
    // The just-created connection has no phone and no plan yet: those cells are empty, not "undefined".
    const second = Object.fromEntries(CONNECTION_CSV_COLUMNS.map((c, i) => [c, rows[2]![i]]))
    expect(second).toMatchObject({ manufacturer: '', model: '', plan_id: '', auto_prolong: 'yes' })
    expect(connectionsCsv(connections)).not.toContain('undefined')
  })

  it('neutralises cells a spreadsheet would run as a formula, and quotes commas and quotes', () => {
    const evil = {
      ...connections[0]!,
      basic_info: { ...connections[0]!.basic_info, name: '=HYPERLINK("http://evil","click")', description: '+1, "quoted"' },
      app_data: { ...connections[0]!.app_data, device_info: { model: '@SUM(A1)', manufacturer: '-2+3' } },
    }
    const text = connectionsCsv([evil])
    const row = cells(text)[1]!
    const at = (column: (typeof CONNECTION_CSV_COLUMNS)[number]) => row[CONNECTION_CSV_COLUMNS.indexOf(column)]
    expect(at('name')).toBe(`'=HYPERLINK("http://evil","click")`)
    expect(at('description')).toBe(`'+1, "quoted"`)
    expect(at('model')).toBe(`'@SUM(A1)`)
    expect(at('manufacturer')).toBe(`'-2+3`)
    // No line of the file starts a cell with a formula character.
    for (const line of text.split('\n')) expect(line).not.toMatch(/(^|,)[=+\-@]/)
  })
})

describe('IP history as CSV', () => {
  it('writes date, ipv4 and ipv6 per entry, blanks for what is absent', () => {
    const entries = ipHistoryResponseSchema.parse(seed.ipHistory).ip_history
    expect(ipHistoryCsv([...entries, { date: '2025-03-01T15:00:00Z', ipv4: '10.0.0.9' }])).toBe(
      'date,ipv4,ipv6\n2025-03-01T14:00:00Z,127.0.0.1,::1\n2025-03-01T15:00:00Z,10.0.0.9,\n',
    )
    expect(ipHistoryCsv([])).toBe('date,ipv4,ipv6\n')
  })
})
