/**
 * `iproxy ovpn --out DIR [--zip]`: OpenVPN configs, decoded and checked against their SHA-1 by the app's own
 * exports code, each file written atomically (a config that fails is named; the others are still written). A
 * folder that cannot be written is reported before anything is downloaded.
 */
import { dirname, join } from 'node:path'
import type { Command } from 'commander'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'
import { CliError, EXIT, type ExitCode } from '../exit-codes'
import { collectIds, requireKnownConnections } from '../select'

interface OvpnFlags extends CommonFlags {
  connection?: string[]
  out: string
  zip?: boolean
}

export const ZIP_NAME = 'openvpn-configs.zip'

export function registerOvpn(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('ovpn')
      .description('download OpenVPN configs (.ovpn), SHA-1 verified, into a folder or one zip')
      .option('--connection <id...>', "only these connections' VPN accesses", collectIds)
      .requiredOption('--out <dir>', `an existing folder; with --zip, the zip's path (or a folder for ${ZIP_NAME})`)
      .option('--zip', 'one .zip instead of separate files'),
  )
    .addHelpText('after', '\nExit: 0 every config written, 1 some could not be (each named with the reason).\n\nExamples:\n  iproxy ovpn --out ./vpn --demo\n  iproxy ovpn --connection ID --zip --out vpn.zip --json --profile Work')
    .action((flags: OvpnFlags) =>
      run(() =>
        withAccount(ctx, flags, async (account, dataDir) => {
          const { client } = account
          const target = flags.zip && !flags.out.toLowerCase().endsWith('.zip') ? join(flags.out, ZIP_NAME) : flags.out
          const [{ assertWritableFolder }, { cliExportsService }] = await Promise.all([import('../../main/exports/ovpn-files'), import('../services')])
          await assertWritableFolder(flags.zip ? dirname(target) : target)
          let items: Array<{ connId: string; ovpnId: string }> | undefined
          if (flags.connection) {
            const [connections, accesses] = await Promise.all([client.connections.list(), client.vpn.list()])
            requireKnownConnections(connections, flags.connection, '--connection')
            const wanted = new Set(flags.connection)
            items = accesses.filter((a) => wanted.has(a.connection_id)).map((a) => ({ connId: a.connection_id, ovpnId: a.id }))
            if (items.length === 0) throw new CliError(EXIT.failed, 'nothing_to_export', 'These connections have no VPN accesses.')
          }
          const result = await cliExportsService(account, dataDir).writeOvpnMany({ into: flags.zip ? 'zip' : 'folder', ...(items ? { items } : {}) }, target)
          if (flags.json) ctx.out.json(result)
          else {
            for (const w of result.written) ctx.out.line(flags.zip ? `${w.name} (in ${w.path})` : w.path)
            ctx.out.note(`${result.written.length} written${result.failed.length ? `, ${result.failed.length} failed` : ''}.`)
          }
          for (const s of result.withScripts) {
            ctx.out.warn(`${s.name} runs programs when opened in OpenVPN: ${s.lines.map((l) => `line ${l.line}: ${l.text}`).join('; ')}`)
          }
          for (const f of result.failed) ctx.out.error('ovpn_failed', `${f.name}: ${f.reason}`)
          return result.failed.length > 0 ? EXIT.failed : EXIT.ok
        }),
      ),
    )
}
