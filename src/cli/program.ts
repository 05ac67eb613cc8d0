/**
 * The `iproxy` command: commander parses the arguments (per-command --help, errors that name the flag) and each
 * command in commands/ does its work through the app's services. Every action runs inside `run`, which turns an
 * expected failure into one line on stderr and the exit code (exit-codes.ts), never a stack trace.
 */
import { Command, CommanderError } from 'commander'
import { version } from '../../package.json'
import { registerBulk } from './commands/bulk'
import { registerCheck } from './commands/check'
import { registerConnections } from './commands/connections'
import { registerDoctor } from './commands/doctor'
import { registerExport } from './commands/export'
import { registerHistory } from './commands/history'
import { registerMe } from './commands/me'
import { registerOvpn } from './commands/ovpn'
import { registerProfiles } from './commands/profiles'
import { registerProxies } from './commands/proxies'
import { registerRelay } from './commands/relay'
import { registerRotate } from './commands/rotate'
import { registerWatch } from './commands/watch'
import type { CliContext } from './context'
import { describeFailure } from './errors'
import { EXIT, type ExitCode } from './exit-codes'
import { JSON_FIELDS_HELP } from './json-fields'

export function buildProgram(ctx: CliContext, setExit: (code: ExitCode) => void): Command {
  const program = new Command('iproxy')
    .description('iProxy Desktop on the command line: list, export, check, change IP, download VPN files.')
    .version(version, '-V, --version')
    // Settings made before the commands are added are inherited by each of them.
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.out.stdout.write(text),
      writeErr: (text) => ctx.out.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'iproxy: usage: ')),
    })
    .addHelpText('after', `\nKey: --profile NAME, --demo, or IPROXY_API_KEY (in that order; flags win over the environment).\n${JSON_FIELDS_HELP}\n\nTry:\n  iproxy connections --demo\n  iproxy check --all --demo --json\n  iproxy <command> --help\n`)

  const run = async (action: () => Promise<ExitCode>): Promise<void> => {
    try {
      setExit(await action())
    } catch (err) {
      const failure = describeFailure(err, ctx.keySource)
      ctx.out.error(failure.code, failure.message)
      if (ctx.env.IPROXY_DEBUG === '1' && err instanceof Error && err.stack) ctx.out.note(err.stack)
      setExit(failure.exitCode)
    }
  }
  for (const register of [registerMe, registerConnections, registerProxies, registerExport, registerCheck, registerRotate, registerBulk, registerOvpn, registerProfiles, registerHistory, registerDoctor, registerRelay, registerWatch]) {
    register(program, ctx, run)
  }
  return program
}

/** Parses and runs; resolves to the exit code. Usage errors (unknown flag, bad value) are exit 2. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok
  const program = buildProgram(ctx, (c) => (code = c))
  if (argv.length === 0) {
    program.outputHelp()
    return EXIT.usage
  }
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help'
      return ok ? EXIT.ok : EXIT.usage
    }
    throw err
  }
  return code
}
