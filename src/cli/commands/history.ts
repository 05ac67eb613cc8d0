/**
 * `iproxy history` and `iproxy ips`: the desktop app's fleet history (history.sqlite in its data folder), read
 * read-only. SQLite's WAL lets this read while the app writes; nothing here changes, moves or migrates the file
 * (main/history/open.ts's openHistoryReadOnly). No account or key is needed: the history is local.
 */
import { join } from 'node:path'
import type { Command } from 'commander'
import type { HistoryReader } from '../../main/history'
import { DAY_MS, HISTORY_KINDS, type HistoryKind, type TimelineEvent } from '../../shared/history'
import { dataDirOption, type CliContext } from '../context'
import { resolveDataDir } from '../data-dir'
import { CliError, EXIT, usageError, type ExitCode } from '../exit-codes'
import { exitIpRecord, reuseRecord, timelineRecord } from '../history-report'

interface HistoryFlags {
  dataDir?: string
  json?: boolean
  connection?: string
  since?: string
  kind?: string
  repeats?: boolean
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS }

/** `90s`, `30m`, `24h`, `7d`, `2w` → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,6})([smhdw])$/.exec(text.trim())
  if (!match) throw usageError(`--since "${text}" is not a duration: use a number and a unit, like 30m, 24h, 7d or 2w.`)
  return Number(match[1]) * UNITS[match[2]!]!
}

/** The database module (libsql) is loaded here, when a history command runs, not for --help or --version. */
async function withReader<T>(ctx: CliContext, flags: HistoryFlags, use: (reader: HistoryReader) => T): Promise<T> {
  const { HISTORY_DB_FILE, HistoryFileError, openHistoryReader } = await import('../../main/history')
  const path = join(resolveDataDir(flags.dataDir, ctx.env), HISTORY_DB_FILE)
  let reader: HistoryReader
  try {
    reader = openHistoryReader(path)
  } catch (err) {
    if (err instanceof HistoryFileError) throw new CliError(EXIT.failed, `history_${err.reason}`, err.message)
    throw err
  }
  try {
    return use(reader)
  } finally {
    reader.close()
  }
}

function describe(event: TimelineEvent): string {
  switch (event.kind) {
    case 'status':
      return `status ${event.status}`
    case 'check':
      return `check ${event.status} ${Math.round(event.totalMs)} ms${event.exitIp ? ` via ${event.exitIp}` : ''}${event.error ? `: ${event.error}` : ''} (${event.proxyKey})`
    case 'ip':
      return `exit IP ${event.ip} (seen until ${new Date(event.lastSeen).toISOString()}, from ${event.sources.join(', ')})`
    case 'action':
      return `${event.action} ${event.outcome} by ${event.by}${event.error ? `: ${event.error}` : ''}`
  }
}

export function registerHistory(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  dataDirOption(
    program
      .command('history')
      .description("the app's fleet history: checks, status changes, exit IPs and actions, newest first")
      .option('--connection <id>', 'one connection only')
      .option('--since <duration>', 'how far back: 30m, 24h, 7d, 2w', '24h')
      .option('--kind <kind>', `one kind only: ${HISTORY_KINDS.join(', ')}`)
      .option('--json', 'print JSON'),
  )
    .addHelpText('after', '\nExamples:\n  iproxy history --since 7d --kind status\n  iproxy history --connection ID --json')
    .action((flags: HistoryFlags) =>
      run(async () => {
        const since = parseDuration(flags.since ?? '24h')
        if (flags.kind !== undefined && !(HISTORY_KINDS as readonly string[]).includes(flags.kind)) {
          throw usageError(`--kind "${flags.kind}" is not one of ${HISTORY_KINDS.join(', ')}.`)
        }
        const to = Date.now()
        const timeline = await withReader(ctx, flags, (reader) =>
          reader.events({
            from: Math.max(0, to - since),
            to,
            ...(flags.connection ? { connectionId: flags.connection } : {}),
            ...(flags.kind ? { kinds: [flags.kind as HistoryKind] } : {}),
          }),
        )
        if (flags.json) ctx.out.json({ events: timeline.events.map(timelineRecord), truncated: timeline.truncated })
        else if (timeline.events.length === 0) ctx.out.note(`No history in the last ${flags.since ?? '24h'}.`)
        else {
          ctx.out.table(
            [{ header: 'TIME' }, { header: 'CONNECTION' }, { header: 'KIND' }, { header: 'WHAT' }],
            timeline.events.map((e) => [new Date(e.at).toISOString(), e.connectionId ?? flags.connection ?? '-', e.kind, describe(e)]),
          )
          if (timeline.truncated) ctx.out.note('Only the newest events are shown: narrow it with --since, --connection or --kind.')
        }
        return EXIT.ok
      }),
    )

  dataDirOption(
    program
      .command('ips')
      .description('exit IPs the app has seen: one connection\'s with first and last seen, or those repeated or shared across the fleet')
      .option('--connection <id>', "one connection's exit IPs")
      .option('--repeats', 'only IPs back on a connection within 24 h, or on two connections at once')
      .option('--json', 'print JSON'),
  )
    .addHelpText('after', '\nExamples:\n  iproxy ips --repeats\n  iproxy ips --connection ID --json')
    .action((flags: HistoryFlags) =>
      run(async () => {
        if (flags.connection && !flags.repeats) {
          const ips = await withReader(ctx, flags, (reader) => reader.exitIps(flags.connection!))
          if (flags.json) ctx.out.json({ connectionId: flags.connection, ips: ips.map(exitIpRecord) })
          else if (ips.length === 0) ctx.out.note(`No exit IP seen on ${flags.connection}.`)
          else
            ctx.out.table(
              [{ header: 'IP' }, { header: 'FIRST SEEN' }, { header: 'LAST SEEN' }, { header: 'TIMES', align: 'right' }, { header: 'SOURCES' }],
              ips.map((ip) => [ip.ip, new Date(ip.firstSeen).toISOString(), new Date(ip.lastSeen).toISOString(), String(ip.periods), ip.sources.join(',')]),
            )
          return EXIT.ok
        }
        const now = Date.now()
        let reuse = await withReader(ctx, flags, (reader) => reader.ipReuse(now))
        if (flags.connection) reuse = reuse.filter((r) => r.connections.some((c) => c.connectionId === flags.connection))
        if (flags.json) ctx.out.json({ reuse: reuse.map(reuseRecord) })
        else if (reuse.length === 0) ctx.out.note('No exit IP was repeated or shared in the last 24 h.')
        else
          ctx.out.table(
            [{ header: 'IP' }, { header: 'KIND' }, { header: 'CONNECTIONS' }],
            reuse.map((r) => [r.ip, r.kind, r.connections.map((c) => c.name ? `${c.connectionId} (${c.name})` : c.connectionId).join(', ')]),
          )
        return EXIT.ok
      }),
    )
}
