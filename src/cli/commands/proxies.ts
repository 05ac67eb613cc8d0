/**
 * `iproxy proxies [--connection ID...]`: the proxy accesses (protocol, address, login), with their connection's
 * name. Passwords are printed only by `iproxy export`, which exists to hand credentials to other tools.
 */
import { type Command } from 'commander'
import type { ProxyAccess } from '../../shared/iproxy'
import { EXIT, type ExitCode } from '../exit-codes'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'
import { collectIds, namesById, requireKnownConnections } from '../select'

export interface ProxyRow {
  id: string
  connectionId: string
  connectionName: string | null
  protocol: string
  host: string
  ip: string
  port: number
  authType: string
  login: string | null
  expiresAt: string | null
  description: string | null
}

export function proxyRows(proxies: readonly ProxyAccess[], names: ReadonlyMap<string, string>): ProxyRow[] {
  return proxies.map((p) => ({
    id: p.id,
    connectionId: p.connection_id,
    connectionName: names.get(p.connection_id) ?? null,
    protocol: p.listen_service,
    host: p.hostname || p.ip,
    ip: p.ip,
    port: p.port,
    authType: p.auth_type,
    login: p.auth?.login ?? null,
    expiresAt: p.expires_at || null,
    description: p.description || null,
  }))
}

export function registerProxies(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('proxies')
      .description('proxy accesses: protocol, address, login (passwords only through "iproxy export")')
      .option('--connection <id...>', 'only these connections (repeat, or separate with commas)', collectIds),
  )
    .addHelpText('after', '\nExample:\n  iproxy proxies --demo\n  iproxy proxies --connection ID --json')
    .action((flags: CommonFlags & { connection?: string[] }) =>
      run(() =>
        withAccount(ctx, flags, async ({ client }) => {
          const [connections, proxies] = await Promise.all([client.connections.list(), client.proxies.list()])
          const wanted = flags.connection
          if (wanted) requireKnownConnections(connections, wanted, '--connection')
          const chosen = wanted ? proxies.filter((p) => wanted.includes(p.connection_id)) : proxies
          const rows = proxyRows(chosen, namesById(connections))
          if (flags.json) ctx.out.json({ proxies: rows, errors: [] })
          else if (rows.length === 0) ctx.out.note('No proxies.')
          else {
            ctx.out.table(
              [{ header: 'ID' }, { header: 'PROTOCOL' }, { header: 'ADDRESS' }, { header: 'LOGIN' }, { header: 'EXPIRES' }, { header: 'CONNECTION' }],
              rows.map((r) => [r.id, r.protocol, `${r.host}:${r.port}`, r.login ?? (r.authType === 'noauth' ? '(IP allow-list)' : '-'), r.expiresAt?.slice(0, 10) ?? '-', r.connectionName ?? r.connectionId]),
            )
          }
          return EXIT.ok
        }),
      ),
    )
}
