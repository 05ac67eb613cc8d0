/**
 * `iproxy bulk ACTION --connection ID... | --filter EXPR`: one action on many connections through the app's bulk
 * runner (main/bulk): the same concurrency cap, same-phone spacing, per-connection results and audit trail in the
 * data folder's history database as a run started from the app. Without --yes it says what it would do and asks;
 * with no terminal to ask on, it refuses. Ctrl-C cancels: no new work starts, the actions already running
 * finish, what finished is printed, exit 130.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Option, type Command } from 'commander'
import type { BulkService } from '../../main/bulk'
import { MAX_BULK_CONCURRENCY, type BulkItemState, type BulkRun, type BulkStart } from '../../shared/bulk'
import { bulkActionFromArgs, bulkActionName, describeBulkAction, type BulkActionFlags } from '../bulk-action'
import { createBulkPrinter, itemRecord, printPlan, type BulkSummary } from '../bulk-report'
import { connectionsMatching, filterTerms } from '../bulk-select'
import { accountOptions, withAccount, type CliContext, type CommonFlags, type Input } from '../context'
import { EXIT, usageError, type ExitCode } from '../exit-codes'
import type { Stream } from '../output'
import { createProgress } from '../progress'
import { collectIds } from '../select'
import { wholeNumber } from './check'

interface BulkFlags extends CommonFlags, BulkActionFlags {
  connection?: string[]
  filter?: string
  concurrency?: number
  yes?: boolean
}

const FINISHED: ReadonlySet<BulkItemState> = new Set(['done', 'failed', 'skipped', 'cancelled'])

const HELP_AFTER = `
Actions: any seed command (reboot, changeip, refresh, refresh_fingerprint, fix_lte, find_my_device, debug_report,
  upgrade_app, speed_test; toggle_proxy --enabled true|false), change-ip-verify [--timeout SECONDS],
  settings --set key=value... (any connection setting; numbers, true/false, lists comma-separated; every value
  checked before anything is sent), prolong --days N (spends money: the plan shows the balance), ovpn --out DIR.

Filter (all terms must hold): status=offline country=ru city=mow name~moscow id=ID check=failed
  (check= is the last proxy check in the data folder's history; quote a value with spaces: name~"moscow 1").

Without --yes the plan (how many, which, the action, the balance for prolong) is printed and you are asked y/N;
  with no terminal to ask on, nothing is done and the exit code is 2.
Output: one line per connection as it finishes (done / failed with the reason / skipped and why), then a summary;
  with --json one JSON object per line: { type: "item", runId, action, connectionId, connectionName, state, ok,
  reason, detail, startedAt, endedAt, seconds } per connection, then { type: "summary", runId, action, total,
  done, failed, skipped, cancelled, interrupted, concurrency, seconds }. A progress bar goes to stderr on a terminal.
Every run is kept in the data folder's history (the app's Activity screen and "iproxy history" show it).
Exit: 0 every connection done, 1 some failed or were skipped (or you answered no), 2 usage, 3 key, 130 Ctrl-C
  (no new work starts, running actions finish, their results are printed).

Examples:
  iproxy bulk reboot --filter name~moscow --yes --demo
  iproxy bulk change-ip-verify --connection ID1 ID2 --concurrency 2 --json --yes --profile Work
  iproxy bulk settings --set ip_change_interval_minutes=30 --set dns=1.1.1.1,8.8.8.8 --filter country=ru
  iproxy bulk toggle_proxy --enabled false --filter check=failed --yes`

export function registerBulk(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('bulk')
      .description('one action on many connections: any command, change IP and verify, settings, prolong, VPN files')
      .argument('<action>', 'reboot, changeip, ... (any seed command), change-ip-verify, settings, prolong or ovpn')
      .option('--connection <id...>', 'these connections (IDs from "iproxy connections")', collectIds)
      .option('--filter <expr>', 'the connections this filter matches, e.g. "country=ru status=offline"')
      .option('--concurrency <n>', `actions at once (default: the app's bulk setting, 5; at most ${MAX_BULK_CONCURRENCY})`, wholeNumber(1, MAX_BULK_CONCURRENCY))
      .option('--yes', 'run without asking')
      .addOption(new Option('--enabled <bool>', 'toggle_proxy: turn the proxy on (true) or off (false)').choices(['true', 'false']))
      .option('--set <key=value>', 'settings: a setting to apply (repeat for more)', (value: string, all: string[] = []) => [...all, value])
      .option('--days <n>', "prolong: days to add (a multiple of the plan's length)", wholeNumber(1, 3650))
      .option('--out <dir>', 'ovpn: an existing folder for the .ovpn files')
      .option('--timeout <seconds>', 'change-ip-verify: how long to wait for the new IP (default 90)', wholeNumber(10, 600)),
  )
    .addHelpText('after', HELP_AFTER)
    .action((actionName: string, flags: BulkFlags) => run(() => bulk(ctx, actionName, flags)))
}

async function bulk(ctx: CliContext, actionName: string, flags: BulkFlags): Promise<ExitCode> {
  // Everything the words alone can tell is checked before the account is opened: a typo sends nothing.
  const action = bulkActionFromArgs(actionName, flags)
  if ((flags.connection === undefined) === (flags.filter === undefined)) {
    throw usageError('Say which connections: --connection ID... or --filter EXPR (exactly one of them).')
  }
  const terms = flags.filter === undefined ? undefined : filterTerms(flags.filter)
  const name = bulkActionName(action)
  const printer = createBulkPrinter(ctx.out, flags.json === true)

  return withAccount(ctx, flags, async (account, dataDir) => {
    const [{ cliBulkService }, { HISTORY_DB_FILE }] = await Promise.all([import('../services'), import('../../main/history')])
    const hadHistory = existsSync(join(dataDir, HISTORY_DB_FILE))
    const service = await cliBulkService({ account, dataDir, env: ctx.env })
    try {
      const connections = await account.client.connections.list()
      const ids = terms
        ? await connectionsMatching(terms, { client: account.client, connections, history: hadHistory ? service.history : undefined, out: ctx.out })
        : [...new Set(flags.connection)]
      if (ids.length === 0) {
        ctx.out.note(`No connection matches --filter ${flags.filter ?? ''}: nothing to do.`)
        if (flags.json) printer.summary(emptySummary(name, service.concurrency(flags.concurrency)))
        return EXIT.ok
      }
      const start: BulkStart = { action, connectionIds: ids, ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }) }
      const preview = await service.bulk.preview(start)
      if (!flags.yes) {
        printPlan(ctx.out, describeBulkAction(action), preview)
        if (ctx.stdin.isTTY !== true) throw usageError('Nothing was done: there is no terminal to ask on. Pass --yes to run without asking.')
        const answer = await confirm(ctx.stdin, ctx.out.stderr, 'Go ahead? [y/N] ')
        if (answer !== 'yes') {
          ctx.out.note('Nothing was done.')
          return answer === 'interrupted' ? EXIT.interrupted : EXIT.failed
        }
      }
      return await runAndReport(ctx, service.bulk, start, name, printer)
    } finally {
      await service.dispose()
    }
  })
}

async function runAndReport(ctx: CliContext, bulk: BulkService, start: BulkStart, name: string, printer: ReturnType<typeof createBulkPrinter>): Promise<ExitCode> {
  const progress = createProgress(ctx.out.stderr)
  const printed = new Set<string>()
  let runId: string | undefined
  let interrupted = false
  const started = performance.now()

  // Each connection is printed once, when it has finished; ones that never started only when the run is over.
  const show = (run: BulkRun, over: boolean) => {
    if (run.id !== runId) return
    for (const item of run.items) {
      if (printed.has(item.connectionId) || !FINISHED.has(item.state) || (item.state === 'cancelled' && !over)) continue
      printed.add(item.connectionId)
      progress.around(() => printer.item(itemRecord(item, run.id, name)))
    }
    const c = run.counts
    progress.update(c.done + c.failed + c.skipped + c.cancelled, c.total, c.failed)
  }
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.interrupted) // a second Ctrl-C: stop at once
    interrupted = true
    if (runId !== undefined) bulk.cancel(runId)
  }
  process.on('SIGINT', onSigint)
  const unsubscribe = bulk.onProgress((run) => show(run, false))
  let final: BulkRun
  try {
    const run = await bulk.start(start, { by: 'user' })
    runId = run.id
    if (interrupted) bulk.cancel(run.id)
    show(run, false)
    final = await bulk.done(run.id)
    show(final, true)
  } finally {
    unsubscribe()
    progress.clear()
    process.removeListener('SIGINT', onSigint)
  }
  const c = final.counts
  const summary: BulkSummary = {
    type: 'summary',
    runId: final.id,
    action: name,
    total: c.total,
    done: c.done,
    failed: c.failed,
    skipped: c.skipped,
    cancelled: c.cancelled,
    interrupted,
    concurrency: final.concurrency,
    seconds: Math.round(performance.now() - started) / 1000,
  }
  printer.summary(summary)
  if (interrupted) return EXIT.interrupted
  return c.done === c.total ? EXIT.ok : EXIT.failed
}

function emptySummary(action: string, concurrency: number): BulkSummary {
  return { type: 'summary', runId: null, action, total: 0, done: 0, failed: 0, skipped: 0, cancelled: 0, interrupted: false, concurrency, seconds: 0 }
}

/** y/N on the terminal (echoed, Enter ends it): only y or yes goes ahead; end of input is a no. */
function confirm(stdin: Input, stderr: Stream, prompt: string): Promise<'yes' | 'no' | 'interrupted'> {
  return new Promise((resolve) => {
    stderr.write(prompt)
    let typed = ''
    const finish = (answer: 'yes' | 'no' | 'interrupted') => {
      stdin.removeListener('data', onData)
      stdin.removeListener('end', onEnd)
      process.removeListener('SIGINT', onSigint)
      stdin.pause()
      resolve(answer)
    }
    const onData = (chunk: Buffer | string) => {
      typed += chunk.toString()
      const newline = typed.indexOf('\n')
      if (newline >= 0) finish(/^\s*y(es)?\s*$/i.test(typed.slice(0, newline)) ? 'yes' : 'no')
    }
    const onEnd = () => finish('no')
    const onSigint = () => {
      stderr.write('\n')
      finish('interrupted')
    }
    process.on('SIGINT', onSigint)
    stdin.on('data', onData)
    stdin.once('end', onEnd)
    stdin.resume()
  })
}
