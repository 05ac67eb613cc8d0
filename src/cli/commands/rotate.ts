/**
 * `iproxy rotate ID... [--verify]`: change the exit IP of connections. Without --verify the change-IP command is
 * sent and accepted; with it, the app's change-IP-and-verify runs: the old IP read through one of the connection's
 * proxies, the command, then checks through the same proxy until the IP is new (old IP, new IP, seconds taken).
 */
import type { Command } from 'commander'
import { DEFAULT_ROTATE_TIMEOUT_MS } from '../../main/health/rotate'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'
import { errorEntry } from '../errors'
import { EXIT, type ExitCode } from '../exit-codes'
import { namesById, requireKnownConnections } from '../select'
import { wholeNumber } from './check'

export interface RotateRecord {
  connectionId: string
  connectionName: string | null
  ok: boolean
  /** sent | command_failed without --verify; changed | timeout | no_proxy | check_failed | command_failed | cancelled with it. */
  status: string
  message: string
  oldIp: string | null
  newIp: string | null
  seconds: number | null
  proxyId: string | null
}

interface RotateFlags extends CommonFlags {
  verify?: boolean
  timeout?: number
}

export function registerRotate(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('rotate')
      .description('change the exit IP of connections; --verify proves it through a proxy (old IP, new IP, time)')
      .argument('<id...>', 'connection IDs (see "iproxy connections")')
      .option('--verify', 'check through one of its proxies until the exit IP has changed')
      .option('--timeout <seconds>', `with --verify: how long to wait for the new IP (default ${DEFAULT_ROTATE_TIMEOUT_MS / 1000})`, wholeNumber(5, 600)),
  )
    .addHelpText('after', '\nExit: 0 every connection changed (or took the command), 1 some did not.\n\nExamples:\n  iproxy rotate ID --verify --demo\n  iproxy rotate ID1 ID2 --json --profile Work')
    .action((ids: string[], flags: RotateFlags) =>
      run(() =>
        withAccount(ctx, flags, async (account, dataDir) => {
          const { client } = account
          const connections = await client.connections.list()
          requireKnownConnections(connections, ids, 'rotate')
          const names = namesById(connections)
          const unique = [...new Set(ids)]
          let records: RotateRecord[]
          if (flags.verify) {
            const { cliHealthService } = await import('../services')
            const health = cliHealthService({ account, dataDir, env: ctx.env })
            try {
              const results = await health.rotateAndVerify(unique, flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {})
              records = results.map((r) => ({
                connectionId: r.connectionId,
                connectionName: names.get(r.connectionId) ?? null,
                ok: r.ok,
                status: r.status,
                message: r.message,
                oldIp: r.oldIp ?? null,
                newIp: r.newIp ?? null,
                seconds: r.seconds,
                proxyId: r.proxyId ?? null,
              }))
            } finally {
              await health.dispose()
            }
          } else {
            records = await Promise.all(
              unique.map(async (id): Promise<RotateRecord> => {
                const base = { connectionId: id, connectionName: names.get(id) ?? null, oldIp: null, newIp: null, seconds: null, proxyId: null }
                try {
                  const sent = await client.connections.pushCommand(id, { action: 'changeip' })
                  return { ...base, ok: true, status: 'sent', message: sent.message || 'The change-IP command was sent.' }
                } catch (err) {
                  return { ...base, ok: false, status: 'command_failed', message: errorEntry(err, ctx.keySource).message }
                }
              }),
            )
          }
          if (flags.json) ctx.out.json({ results: records })
          else {
            ctx.out.table(
              [{ header: 'CONNECTION' }, { header: 'STATUS' }, { header: 'OLD IP' }, { header: 'NEW IP' }, { header: 'SECONDS', align: 'right' }, { header: 'MESSAGE' }],
              records.map((r) => [r.connectionName ?? r.connectionId, { text: r.status, colour: r.ok ? 'green' : 'red' }, r.oldIp ?? '-', r.newIp ?? '-', r.seconds === null ? '-' : r.seconds.toFixed(1), r.message]),
            )
          }
          return records.every((r) => r.ok) ? EXIT.ok : EXIT.failed
        }),
      ),
    )
}
