/**
 * Tables saved as CSV through the save dialog: the account's connections (with their state) and a connection's IP
 * history. The rows are read from the API here in main, so the page only says which; the CSV is written by
 * shared/csv-tables.ts (formula-neutralised cells) and atomically by new-file.ts.
 */
import { connectionsCsv, ipHistoryCsv } from '../../shared/csv-tables'
import type { Cancelled, ConnectionsCsvInput, IpHistoryCsvInput, SavedTable } from '../../shared/exports'
import type { Connection } from '../../shared/iproxy'
import { AppError } from '../app-error'
import type { DesktopIntegration } from '../desktop'
import type { IproxyClient } from '../iproxy'
import type { DialogText } from './dialog-text'
import { safeFileName } from './file-names'
import { writeChosenFile } from './new-file'

export type TableClient = Pick<IproxyClient, 'connections' | 'stats'>

export function createTableExports(client: () => TableClient, desktop: DesktopIntegration, text: () => DialogText) {
  async function save(title: string, defaultStem: string, csv: string, rows: number): Promise<SavedTable | Cancelled> {
    const words = text()
    const chosen = await desktop.chooseSaveFile({
      title,
      defaultName: safeFileName(defaultStem, '.csv', '', 'table'),
      filters: [{ name: words.filters.csv, extensions: ['csv'] }],
    })
    if (!chosen) return { cancelled: true }
    return { path: await writeChosenFile(chosen, 'csv', csv), rows }
  }

  return {
    async saveConnectionsCsv(input: ConnectionsCsvInput): Promise<SavedTable | Cancelled> {
      const api = client().connections
      const [all, statuses] = await Promise.all([api.list(), api.statuses()])
      let chosen: Connection[] = all
      if (input.connectionIds) {
        const wanted = new Set(input.connectionIds)
        chosen = all.filter((c) => wanted.has(c.id))
      }
      if (chosen.length === 0) throw new AppError('nothing_to_export', 'There are no connections to export: refresh the list and try again.')
      return save(text().saveConnections, 'connections', connectionsCsv(chosen, statuses), chosen.length)
    },

    async saveIpHistoryCsv(input: IpHistoryCsvInput): Promise<SavedTable | Cancelled> {
      const [connection, entries] = await Promise.all([
        client().connections.get(input.connId),
        client().stats.ipHistory(input.connId, { from: input.from, to: input.to }),
      ])
      if (entries.length === 0) throw new AppError('nothing_to_export', 'No IP changes were recorded in this period: choose a longer one.')
      return save(text().saveIpHistory, `${connection.basic_info.name} - IP history`, ipHistoryCsv(entries), entries.length)
    },
  }
}
