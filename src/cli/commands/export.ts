/**
 * `iproxy export --format FORMAT`: the proxy list in one of the app's seven formats, made by the app's exports
 * service (so it is byte for byte what the app copies or saves). On stdout, or written atomically to --out:
 * a file that cannot be written is reported and nothing (not half a file) is left.
 */
import { Option, type Command } from 'commander'
import { writeFileAtomic } from '../../main/fs/atomic-write'
import { ADDRESS_CHOICES, PROXY_FORMATS, type AddressChoice, type ProxyFormat } from '../../shared/proxy-list/format'
import { DEFAULT_TEMPLATE, parseTemplate } from '../../shared/proxy-list/template'
import { CliError, EXIT, usageError, type ExitCode } from '../exit-codes'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'
import { collectIds, requireKnownConnections } from '../select'

interface ExportFlags extends CommonFlags {
  format: ProxyFormat
  address: AddressChoice
  template?: string
  connection?: string[]
  out?: string
}

export function registerExport(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('export')
      .description("the proxy list in one of the app's formats, identical to the app's export")
      .addOption(new Option('--format <format>', 'the line format').choices(PROXY_FORMATS).makeOptionMandatory())
      .addOption(new Option('--address <choice>', 'hostname or IP address in each line').choices(ADDRESS_CHOICES).default('hostname'))
      .option('--template <text>', `with --format template: placeholders like {host} {port} {login} {password} (default "${DEFAULT_TEMPLATE}")`)
      .option('--connection <id...>', 'only the proxies of these connections', collectIds)
      .option('--out <file>', 'write to this file (atomically) instead of stdout'),
  )
    .addHelpText('after', '\nExamples:\n  iproxy export --format csv --demo > proxies.csv\n  iproxy export --format template --template "{host}:{port}:{login}:{password}" --out list.txt --profile Work')
    .action((flags: ExportFlags) =>
      run(async () => {
        if (flags.template !== undefined && flags.format !== 'template') throw usageError('--template is used only with --format template.')
        const template = flags.format === 'template' ? (flags.template ?? DEFAULT_TEMPLATE) : undefined
        if (template !== undefined) {
          const parsed = parseTemplate(template)
          if (!parsed.ok) throw usageError(`--template: ${parsed.message}`)
        }
        return withAccount(ctx, flags, async (account, dataDir) => {
          const { client } = account
          let proxyIds: string[] | undefined
          if (flags.connection) {
            const [connections, proxies] = await Promise.all([client.connections.list(), client.proxies.list()])
            requireKnownConnections(connections, flags.connection, '--connection')
            const wanted = new Set(flags.connection)
            proxyIds = proxies.filter((p) => wanted.has(p.connection_id)).map((p) => p.id)
            if (proxyIds.length === 0) throw new CliError(EXIT.failed, 'nothing_to_export', 'These connections have no proxies to export.')
          }
          const { cliExportsService } = await import('../services')
          const service = cliExportsService(account, dataDir)
          const { text, summary } = await service.render({ format: flags.format, address: flags.address, ...(template !== undefined ? { template } : {}), ...(proxyIds ? { proxyIds } : {}) })
          if (flags.out) await writeFileAtomic(flags.out, text)
          else ctx.out.stdout.write(text)
          for (const s of summary.skipped) ctx.out.warn(`skipped ${s.proxyId}: ${s.message}`)
          if (flags.out) {
            if (flags.json) ctx.out.json({ path: flags.out, count: summary.count, total: summary.total, skipped: summary.skipped, notes: summary.notes })
            else ctx.out.note(`Wrote ${summary.count} of ${summary.total} proxies to ${flags.out}.`)
          }
          return summary.skipped.length > 0 ? EXIT.failed : EXIT.ok
        })
      }),
    )
}
