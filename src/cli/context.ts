/**
 * What every command gets: the output, the environment, stdin, and the flags that pick the account and the data
 * folder. `withAccount` opens the account, runs the command, and always closes it (sockets, the demo simulator).
 */
import { type Command } from 'commander'
import type { Account, AccountFlags } from './account'
import { resolveDataDir } from './data-dir'
import type { Output } from './output'

export interface Input {
  isTTY?: boolean
  setRawMode?(mode: boolean): unknown
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown
  once(event: 'end' | 'error', listener: (arg?: unknown) => void): unknown
  removeListener(event: string, listener: (...args: never[]) => void): unknown
  resume(): unknown
  pause(): unknown
}

export interface CliContext {
  out: Output
  env: NodeJS.ProcessEnv
  stdin: Input
  /** Where the key of the account in use came from (for an auth error's message); set once one is open. */
  keySource?: string
}

export interface CommonFlags extends AccountFlags {
  dataDir?: string
  json?: boolean
}

export function dataDirOption(cmd: Command): Command {
  return cmd.option('--data-dir <dir>', "the app's data folder (default: IPROXY_DATA_DIR, else the desktop app's folder)")
}

/** --profile, --demo, --data-dir and --json, on every command that talks to an account. */
export function accountOptions(cmd: Command, json = true): Command {
  cmd.option('--profile <name>', "use an app profile (its key from the OS keychain)").option('--demo', 'use the demo account (an embedded simulator on loopback; no key needed)')
  dataDirOption(cmd)
  if (json) cmd.option('--json', 'print JSON (field names in "iproxy --help")')
  return cmd
}

export async function withAccount<T>(ctx: CliContext, flags: CommonFlags, run: (account: Account, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(flags.dataDir, ctx.env)
  // Loaded here, not at the top: the API client (undici, the API's schemas) is not needed for --help or --version.
  const { openAccount } = await import('./account')
  const account = await openAccount(flags, dataDir, ctx.env, ctx.out)
  ctx.keySource = account.source
  try {
    return await run(account, dataDir)
  } finally {
    await account.close()
  }
}
