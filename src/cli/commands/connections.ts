/**
 * `iproxy connections`: every connection with its status, name and plan expiry. Two requests, as the app makes:
 * the list, and one for every status. When the statuses cannot be read the list is still printed (status
 * "unknown") with the error, and the exit code is 1.
 */
import type { Command } from 'commander'
import type { Connection, ConnectionStatus } from '../../shared/iproxy'
import { errorEntry } from '../errors'
import { EXIT, type ExitCode } from '../exit-codes'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'
import type { Colour } from '../output'

export interface ConnectionRow {
  id: string
  name: string
  /** online, offline, flapping, nodata, or unknown when the statuses could not be read. */
  status: string
  statusUpdatedAt: string | null
  planExpiresAt: string | null
  planExpired: boolean
  country: string | null
  city: string | null
}

export function connectionRows(connections: readonly Connection[], statuses: readonly ConnectionStatus[] | undefined, now = Date.now()): ConnectionRow[] {
  const byId = new Map((statuses ?? []).map((s) => [s.connection_id, s]))
  return connections.map((c) => {
    const status = byId.get(c.id)
    const expires = c.plan_info?.active_plan?.expires_at ?? null
    return {
      id: c.id,
      name: c.basic_info.name,
      status: statuses ? (status?.online_status ?? 'nodata') : 'unknown',
      statusUpdatedAt: status?.last_online_status_update ?? null,
      planExpiresAt: expires,
      planExpired: expires !== null && Date.parse(expires) <= now,
      country: c.basic_info.server_geo?.country ?? null,
      city: c.basic_info.server_geo?.city ?? null,
    }
  })
}

const STATUS_COLOUR: Record<string, Colour> = { online: 'green', offline: 'red', flapping: 'yellow', nodata: 'dim', unknown: 'dim' }

export function registerConnections(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(program.command('connections').description('every connection (phone) with its status, name and plan expiry'))
    .addHelpText('after', '\nExample:\n  iproxy connections --demo\n  iproxy connections --json | jq -r \'.connections[] | select(.status == "offline") | .name\'')
    .action((flags: CommonFlags) =>
      run(() =>
        withAccount(ctx, flags, async ({ client }) => {
          const [list, statuses] = await Promise.allSettled([client.connections.list(), client.connections.statuses()])
          if (list.status === 'rejected') throw list.reason
          const rows = connectionRows(list.value, statuses.status === 'fulfilled' ? statuses.value : undefined)
          const errors = statuses.status === 'rejected' ? [errorEntry(statuses.reason, ctx.keySource)] : []
          if (flags.json) ctx.out.json({ connections: rows, errors })
          else if (rows.length === 0) ctx.out.note('This account has no connections yet.')
          else {
            ctx.out.table(
              [{ header: 'ID' }, { header: 'STATUS' }, { header: 'PLAN EXPIRES' }, { header: 'LOCATION' }, { header: 'NAME' }],
              rows.map((r) => [
                r.id,
                { text: r.status, colour: STATUS_COLOUR[r.status] },
                r.planExpiresAt ? { text: `${r.planExpiresAt.slice(0, 10)}${r.planExpired ? ' (expired)' : ''}`, colour: r.planExpired ? 'red' : undefined } : { text: 'no plan', colour: 'dim' },
                [r.country, r.city].filter(Boolean).join('/') || '-',
                r.name,
              ]),
            )
          }
          for (const e of errors) ctx.out.error(e.code, `the statuses could not be read: ${e.message}`)
          return errors.length > 0 ? EXIT.failed : EXIT.ok
        }),
      ),
    )
}
