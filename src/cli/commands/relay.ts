/**
 * `iproxy relay PROXY [--http-port N] [--socks-port N]` and `iproxy relay --group ID...`: a local relay on
 * 127.0.0.1 in front of an account proxy (by its access ID) or a proxy URL, so tools that take only host:port, or
 * cannot log in to a SOCKS5 proxy, can use it. Prints one line per listener, then serves until SIGINT/SIGTERM.
 * `--bind ADDRESS` serves other computers too (a small server for a LAN), and then needs `--login USER` with the
 * password from IPROXY_RELAY_PASSWORD or a prompt that does not echo: never a flag, which `ps` would show.
 */
import { type Command } from 'commander'
import type { Upstream } from '../../main/relay/upstream'
import type { ProxyAccess } from '../../shared/iproxy'
import { accountOptions, type CliContext, type CommonFlags } from '../context'
import { resolveDataDir } from '../data-dir'
import { CliError, EXIT, usageError, type ExitCode } from '../exit-codes'
import { promptHidden } from '../read-input'
import { isLoopbackAddress } from '../../shared/relay'
import { wholeNumber } from './check'

const RELAY_PASSWORD_ENV = 'IPROXY_RELAY_PASSWORD'

interface RelayFlags extends CommonFlags {
  group?: string[]
  httpPort: number
  socksPort: number
  bind: string
  login?: string
}

export function registerRelay(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('relay')
      .description('a local proxy on 127.0.0.1 (HTTP and SOCKS5, no password unless --login) that goes out through an account proxy or a proxy URL')
      .argument('[proxy]', 'a proxy access ID of the account (see "iproxy proxies") or a URL like socks5://user:pass@host:port')
      .option('--group <proxy...>', 'a failover group: new connections go to the first of these that works')
      .option('--http-port <n>', 'the HTTP listener port (0: a free one)', wholeNumber(0, 65_535), 0)
      .option('--socks-port <n>', 'the SOCKS5 listener port (0: a free one)', wholeNumber(0, 65_535), 0)
      .option('--bind <address>', 'the address to listen on; anything but 127.0.0.1 lets other computers in and needs --login', '127.0.0.1')
      .option('--login <user>', `a login clients must give (its password: ${RELAY_PASSWORD_ENV}, or typed at a prompt)`),
    false,
  )
    .addHelpText(
      'after',
      '\nOutput: "relay http 127.0.0.1:PORT" and "relay socks5 127.0.0.1:PORT" (the --bind address); then it serves until Ctrl-C (exit 0).\n' +
        '\nExamples:\n  iproxy relay socks5://user:pass@host:1080 --http-port 8080\n  iproxy relay PROXY_ID --profile Work\n  iproxy relay --group ID1 ID2 --demo\n' +
        `  ${RELAY_PASSWORD_ENV}=... iproxy relay PROXY_ID --bind 0.0.0.0 --login office --socks-port 1080`,
    )
    .action((proxyArg: string | undefined, flags: RelayFlags) =>
      run(async () => {
        const refs = flags.group ?? (proxyArg ? [proxyArg] : [])
        if (refs.length === 0 || (flags.group && proxyArg)) throw usageError('Say which proxy: one PROXY (an access ID or a URL), or --group PROXY... for a failover group.')
        const auth = await localLogin(ctx, flags)
        const needsAccount = refs.some((r) => !r.includes('://'))
        const dataDir = resolveDataDir(flags.dataDir, ctx.env)
        const { openAccount, hasKeySource } = await import('../account')
        // Loaded here, not at the top: --help and the other commands never need the relay (proxy-chain).
        const { resolveUpstream, UpstreamUrlError } = await import('../../main/relay/upstream')
        const { maskSecrets } = await import('../../main/log')
        const account = needsAccount || hasKeySource(flags, ctx.env) ? await openAccount(flags, dataDir, ctx.env, ctx.out) : undefined
        if (account) ctx.keySource = account.source
        try {
          let accesses: Promise<ProxyAccess[]> | undefined
          const list = () => (accesses ??= account!.client.proxies.list())
          const upstreams: Upstream[] = []
          for (const ref of refs) {
            try {
              upstreams.push(await resolveUpstream(ref, list))
            } catch (err) {
              if (err instanceof UpstreamUrlError) throw usageError(`${maskSecrets(ref)}: ${err.message}`)
              throw err
            }
          }
          return await serve(ctx, flags, upstreams, auth)
        } finally {
          await account?.close()
        }
      }),
    )
}

/** The login clients must give: none on loopback unless asked for; required on any other address. */
async function localLogin(ctx: CliContext, flags: RelayFlags): Promise<{ username: string; password: string } | undefined> {
  const bind = flags.bind.trim()
  if (flags.login === undefined) {
    if (isLoopbackAddress(bind)) return undefined
    throw usageError(`--bind ${bind} lets other computers use the relay: give --login USER, with the password in ${RELAY_PASSWORD_ENV}.`)
  }
  const fromEnv = ctx.env[RELAY_PASSWORD_ENV]
  const password = fromEnv ?? (ctx.stdin.isTTY ? await promptHidden(ctx.stdin, ctx.out.stderr, `Password for relay login "${flags.login}" (typing is not shown): `) : '')
  if (!password) throw usageError(`--login needs a password: set ${RELAY_PASSWORD_ENV}, or run it in a terminal to type it.`)
  return { username: flags.login, password }
}

async function serve(ctx: CliContext, flags: RelayFlags, upstreams: Upstream[], auth: { username: string; password: string } | undefined): Promise<ExitCode> {
  const { startRelay, RelayStartError } = await import('../../main/relay/relay')
  const { cliLogger } = await import('../services')
  const log = cliLogger(ctx.env)
  let relay
  try {
    relay = await startRelay({ upstreams, httpPort: flags.httpPort, socksPort: flags.socksPort, bindAddress: flags.bind.trim(), ...(auth ? { auth } : {}), log: (line) => log(line) })
  } catch (err) {
    if (err instanceof RelayStartError) throw new CliError(EXIT.failed, err.kind, err.message)
    throw err
  }
  const host = flags.bind.trim()
  for (const l of relay.listeners) ctx.out.line(`relay ${l.kind} ${host.includes(':') ? `[${host}]` : host}:${l.port}`)
  ctx.out.note(`Through ${upstreams.map((u) => u.label).join(', then ')}. Ctrl-C stops it.`)
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.removeListener('SIGINT', stop)
      process.removeListener('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await relay.close()
  return EXIT.ok
}
