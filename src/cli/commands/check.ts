/**
 * `iproxy check`: the app's checker (the health service: its echo URLs with fallback, expected-IP comparison,
 * check history) over every proxy, some connections' proxies, or a list in any format the app reads. Results are
 * printed as they arrive; Ctrl-C cancels the batch (sockets in flight are closed), prints what finished and the
 * summary, and exits 130.
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import { readTextFile } from '../../main/fs/read-text-file'
import { emptyCounts, MAX_LIST_TEXT, PROTOCOL_CHOICES, type HealthItem, type HealthProgress, type ProtocolChoice, type RejectedListLine } from '../../shared/health'
import type { Account } from '../account'
import { createCheckPrinter, resultRecord, type CheckSummary } from '../check-report'
import { accountOptions, type CliContext, type CommonFlags } from '../context'
import { resolveDataDir } from '../data-dir'
import { EXIT, usageError, type ExitCode } from '../exit-codes'
import { createProgress } from '../progress'
import { readAll } from '../read-input'
import { collectIds, namesById, requireKnownConnections } from '../select'

interface CheckFlags extends CommonFlags {
  all?: boolean
  connection?: string[]
  file?: string
  concurrency?: number
  timeout?: number
  protocol: ProtocolChoice
}

export function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value)
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}.`)
    return n
  }
}

interface Plan {
  items: HealthItem[]
  rejected: RejectedListLine[]
  names: Map<string, string>
}

async function accountItems(account: Account, flags: CheckFlags): Promise<Plan> {
  const { client } = account
  const [connections, proxies] = await Promise.all([client.connections.list(), client.proxies.list()])
  if (flags.connection) requireKnownConnections(connections, flags.connection, '--connection')
  const wanted = flags.connection ? new Set(flags.connection) : undefined
  const items = proxies.filter((p) => !wanted || wanted.has(p.connection_id)).map((p) => ({ connectionId: p.connection_id, proxyId: p.id }))
  return { items, rejected: [], names: namesById(connections) }
}

async function listText(ctx: CliContext, file: string): Promise<string> {
  if (file === '-') return readAll(ctx.stdin, MAX_LIST_TEXT)
  return (await readTextFile(file, MAX_LIST_TEXT)).text
}

export function registerCheck(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('check')
      .description("check proxies the way the app does: status, exit IP, country, time of each step")
      .argument('[list]', 'same as --file: a proxy list file, or - for stdin')
      .option('--all', 'every proxy of the account')
      .option('--connection <id...>', "these connections' proxies", collectIds)
      .option('--file <list>', 'a proxy list in any format the app reads (lines, CSV, JSON); - reads stdin')
      .addOption(new Option('--protocol <protocol>', 'for list lines that do not say (auto: try HTTP, then SOCKS5)').choices([...PROTOCOL_CHOICES]).default('auto'))
      .option('--concurrency <n>', 'checks at once (default: the app setting, 50)', wholeNumber(1, 500))
      .option('--timeout <seconds>', 'per check (default: the app setting, 10)', wholeNumber(1, 120)),
  )
    .addHelpText(
      'after',
      '\nOutput: one line per proxy as it finishes, then a summary; with --json, one JSON object per line\n' +
        '(type "result", "rejected", then one "summary"). A progress bar goes to stderr when it is a terminal.\n' +
        'Exit: 0 all ok, 1 some failed or list lines were skipped, 130 Ctrl-C (finished results are still printed).\n' +
        '\nExamples:\n  iproxy check --all --demo --json\n  iproxy check --connection ID --timeout 5 --profile Work\n  pbpaste | iproxy check - --protocol socks5',
    )
    .action((listArg: string | undefined, flags: CheckFlags) =>
      run(async () => {
        const file = flags.file ?? listArg
        if (flags.file && listArg) throw usageError('Give the list once: --file LIST or a LIST argument, not both.')
        const sources = [flags.all, flags.connection, file].filter((s) => s !== undefined).length
        if (sources !== 1) throw usageError('Say what to check: --all, --connection ID..., or --file LIST (- for stdin); exactly one of them.')
        const dataDir = resolveDataDir(flags.dataDir, ctx.env)
        const { openAccount, hasKeySource } = await import('../account')
        // A list needs no key; a key source given anyway is used (the demo's echo, for instance).
        const account = file === undefined || hasKeySource(flags, ctx.env) ? await openAccount(flags, dataDir, ctx.env, ctx.out) : undefined
        if (account) ctx.keySource = account.source
        try {
          return await runCheck(ctx, flags, file, account, dataDir)
        } finally {
          await account?.close()
        }
      }),
    )
}

async function runCheck(ctx: CliContext, flags: CheckFlags, file: string | undefined, account: Account | undefined, dataDir: string): Promise<ExitCode> {
  let interrupted = false
  let cancel = () => {}
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.interrupted) // a second Ctrl-C: stop at once
    interrupted = true
    cancel()
  }
  process.on('SIGINT', onSigint)
  const printer = createCheckPrinter(ctx.out, flags.json === true)
  const progress = createProgress(ctx.out.stderr)
  const counts = emptyCounts()
  let checked = 0
  let failed = 0
  let total = 0
  let plan: Plan | undefined
  const started = performance.now()
  let finished: () => void = () => {}
  const whenFinished = new Promise<void>((resolve) => (finished = resolve))
  const onProgress = (p: HealthProgress) => {
    for (const item of p.results) {
      counts[item.result.status] += 1
      if (item.result.status === 'cancelled') continue
      checked += 1
      if (!item.result.ok) failed += 1
      progress.around(() => printer.result(resultRecord(item, plan?.names ?? new Map())))
    }
    progress.update(p.done, p.total, failed)
    if (p.finished) finished()
  }
  const { cliHealthService } = await import('../services')
  const health = cliHealthService({ account, dataDir, env: ctx.env, onProgress })
  try {
    if (file !== undefined) {
      const parsed = health.parseList(await listText(ctx, file), flags.protocol)
      plan = { items: parsed.items.map((i) => ({ target: i.target, label: i.label })), rejected: parsed.rejected, names: new Map() }
    } else {
      plan = await accountItems(account as Account, flags)
    }
    printer.rejected(plan.rejected)
    total = plan.items.length
    if (total === 0 && !interrupted) {
      ctx.out.note(file !== undefined ? 'The list holds no proxy that can be checked.' : 'There are no proxies to check.')
      return plan.rejected.length > 0 ? EXIT.failed : EXIT.ok
    }
    if (!interrupted) {
      const { batchId } = await health.checkMany(plan.items, flags.concurrency, flags.timeout === undefined ? undefined : flags.timeout * 1000)
      cancel = () => health.cancel(batchId)
      if (interrupted) cancel()
      await whenFinished
    }
  } finally {
    progress.clear()
    process.removeListener('SIGINT', onSigint)
    // Writes the check history once, after the batch (as the app does on quit).
    await health.dispose()
  }
  const summary: CheckSummary = {
    type: 'summary',
    total,
    checked,
    ok: counts.ok,
    failed,
    cancelled: total - checked,
    rejectedLines: plan.rejected.length,
    interrupted,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    counts,
  }
  printer.summary(summary)
  if (interrupted) return EXIT.interrupted
  const badLines = plan.rejected.filter((r) => r.code !== 'duplicate').length
  return failed > 0 || badLines > 0 ? EXIT.failed : EXIT.ok
}
