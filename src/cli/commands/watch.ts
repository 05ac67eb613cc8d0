/**
 * `iproxy watch`: the desktop app's fleet watch with no window, for a server, a container or systemd. The same
 * engine (main/watch/engine.ts: one connections-status request per cycle), the same alert sink (webhooks,
 * Telegram; no desktop notices here) and the same history.sqlite in the data folder. Each event is printed as
 * one line (a JSON object per line with --json, the webhook's fields); notes go to stderr.
 *
 * Settings: the app's watch-settings.json in the data folder when there is one, else the defaults, with the flags
 * on top (for this run only; nothing is written). The Telegram bot token comes from IPROXY_TELEGRAM_TOKEN, else
 * the OS keychain where the app stores it. SIGINT or SIGTERM stops it cleanly: the cycle in flight finishes, its
 * events and pending deliveries are given a moment, the history is flushed, and the exit code is 0.
 *
 * Rules (main/rules): the app's rules.json in the data folder (read again when it changes), or `--rules FILE`; a
 * bad file is refused before anything starts, naming the file and the bad field (exit 2). They act through the
 * same connection actions, phone gate and audit trail as `iproxy bulk`, and each run prints one line when it ends
 * (`rule_run`; with --json an object with the webhook's fields, its steps under `steps`).
 */
import type { Command } from 'commander'
import type { RuleRun, RulesFile } from '../../shared/rules'
import { watchSettingsSchema, type WatchEvent, type WatchSettings } from '../../shared/watch'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'
import { resolveDataDir } from '../data-dir'
import { EXIT, usageError, type ExitCode } from '../exit-codes'

interface WatchFlags extends CommonFlags {
  interval?: string
  offlineAfter?: string
  webhook?: string[]
  telegramChat?: string
  checksEvery?: string
  rules?: string
}

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d{1,7}$/.test(text.trim())) throw usageError(`${flag} "${text}" is not a whole number.`)
  return Number(text)
}

/** The settings for this run: the stored ones with the flags on top, checked whole (a bad flag is named). */
export function settingsWithFlags(stored: WatchSettings, flags: WatchFlags): WatchSettings {
  const next: WatchSettings = structuredClone(stored)
  next.enabled = true
  next.desktopNotifications = false
  const interval = wholeNumber('--interval', flags.interval)
  if (interval !== undefined) next.intervalSeconds = interval
  const offlineAfter = wholeNumber('--offline-after', flags.offlineAfter)
  if (offlineAfter !== undefined) next.offlineAfterSeconds = offlineAfter
  if (flags.webhook && flags.webhook.length > 0) next.webhooks = [...flags.webhook]
  if (flags.telegramChat !== undefined) next.telegram = { ...next.telegram, enabled: true, chatId: flags.telegramChat }
  const every = wholeNumber('--checks-every', flags.checksEvery)
  if (every !== undefined) next.scheduledChecks = { ...next.scheduledChecks, enabled: true, everyMinutes: every }
  const parsed = watchSettingsSchema.safeParse(next)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = String(issue?.path[0] ?? '')
    const flag =
      { intervalSeconds: '--interval', offlineAfterSeconds: '--offline-after', webhooks: '--webhook', telegram: '--telegram-chat', scheduledChecks: '--checks-every' }[field] ??
      field
    throw usageError(`${flag}: ${issue?.message ?? 'is not valid'}.`)
  }
  return parsed.data
}

function eventLine(event: WatchEvent, sentence: string): string {
  const who = event.connectionId ? ` ${event.connectionName ?? event.connectionId} (${event.connectionId})` : ''
  return `${new Date(event.at).toISOString()} ${event.kind}${who}: ${sentence}`
}

/** A rule run that ended, as one JSON line: the webhook's fields (id, event, connection, at, message), then its own. */
function ruleRunRecord(run: RuleRun, message: string): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString()
  return {
    id: run.id,
    event: 'rule_run',
    connection_id: run.connectionId,
    connection_name: run.connectionName ?? null,
    at: iso(run.endedAt ?? run.startedAt),
    message,
    data: { rule_id: run.ruleId, rule: run.ruleName, trigger: run.trigger.event, trigger_at: iso(run.trigger.at), outcome: run.outcome, started_at: iso(run.startedAt) },
    steps: run.steps.map((s) => ({
      step: s.step.kind === 'command' ? s.step.command : s.step.kind,
      outcome: s.outcome,
      at: iso(s.at),
      ...(s.endedAt !== undefined ? { ended_at: iso(s.endedAt) } : {}),
      ...(s.reason ? { reason: s.reason } : {}),
    })),
  }
}

/** The rules to run: `--rules FILE`, else the data folder's rules.json; a bad one is a usage error naming the field. */
async function rulesToRun(flags: WatchFlags, dataDir: string, log: (message: string, err?: unknown) => void) {
  const { createRulesStore, readRulesFile } = await import('../../main/rules/store')
  try {
    if (flags.rules !== undefined) {
      const file: RulesFile = await readRulesFile(flags.rules)
      return { from: flags.rules, rules: async () => file.rules, count: file.rules.filter((r) => r.enabled).length }
    }
    const store = createRulesStore({ dataDir, log })
    const file = await store.read()
    return { from: 'rules.json', rules: async () => (await store.current()).rules, count: file.rules.filter((r) => r.enabled).length }
  } catch (err) {
    throw usageError(`The rules cannot be used: ${err instanceof Error ? err.message : String(err)}`)
  }
}

export function registerWatch(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('watch')
      .description('watch the fleet with no window: print each event (offline, back online, API down, ...) and send alerts until stopped')
      .option('--interval <seconds>', 'seconds between polls of the connections status (at least 10; default 30 or the app\'s setting)')
      .option('--offline-after <seconds>', 'offline this long before an alert (default 120 or the app\'s setting)')
      .option('--webhook <url>', 'POST each event as JSON to this URL (repeat for more)', (value: string, all: string[] = []) => [...all, value])
      .option('--telegram-chat <id>', 'send a summary per cycle to this Telegram chat (token: IPROXY_TELEGRAM_TOKEN or the keychain)')
      .option('--checks-every <minutes>', 'also check every proxy from the exit side every N minutes, spread over them')
      .option('--rules <file>', "run these self-healing rules (JSON: { \"rules\": [...] }) instead of the app's rules.json"),
  )
    .addHelpText(
      'after',
      '\nRuns until SIGINT or SIGTERM (exit 0). Settings: the app\'s watch settings in the data folder, the flags on top.\n' +
        'Rules: the enabled rules of the app\'s rules.json in the data folder, or of --rules FILE (a bad file: exit 2, naming\n' +
        'the field). Each rule run prints a line when it ends (event "rule_run" with --json).\n' +
        'Examples:\n  iproxy watch --demo\n  iproxy watch --profile Work --webhook https://example.com/hook --json\n' +
        '  IPROXY_API_KEY=... IPROXY_TELEGRAM_TOKEN=... iproxy watch --telegram-chat 123456 --interval 60',
    )
    .action((flags: WatchFlags) => run(() => watch(ctx, flags)))
}

async function watch(ctx: CliContext, flags: WatchFlags): Promise<ExitCode> {
  // Flags are checked before anything is opened: a typo never starts a half-configured watch.
  const { createWatchSettingsStore } = await import('../../main/watch/settings')
  const { cliFleetActions, cliLogger } = await import('../services')
  const log = cliLogger(ctx.env)
  const dataDir = resolveDataDir(flags.dataDir, ctx.env)
  const settingsStore = createWatchSettingsStore({ dataDir, log, env: ctx.env })
  const settings = settingsWithFlags(await settingsStore.get(), flags)
  // A server often has no keychain at all: that is "no token here", said as such, not a keychain error.
  let keychainProblem = ''
  const telegramToken = async (): Promise<string | undefined> => {
    try {
      return await settingsStore.telegramToken()
    } catch (err) {
      keychainProblem = ` (the keychain could not be read: ${err instanceof Error ? err.message.split('.')[0] : String(err)})`
      return undefined
    }
  }
  if (settings.telegram.enabled && settings.telegram.chatId !== '' && !(await telegramToken())) {
    throw usageError(`No Telegram bot token${keychainProblem}: set IPROXY_TELEGRAM_TOKEN, or store one in the app's alert settings.`)
  }
  const rules = await rulesToRun(flags, dataDir, log)

  return withAccount(ctx, flags, async (account) => {
    const { openAppHistory } = await import('../../main/history/app-history')
    const { checkHistoryInStore } = await import('../../main/history/check-history')
    const { createHealthSettingsStore } = await import('../../main/health/settings')
    const { createAlertSink } = await import('../../main/watch/alerts')
    const { webhookPayload } = await import('../../main/watch/alerts/webhook')
    const { eventSentence } = await import('../../main/watch/alerts/messages')
    const { createWatchWithChecks } = await import('../../main/watch/engine-setup')
    const { ruleRunSentence } = await import('../../main/watch/alerts/messages')

    const history = openAppHistory(dataDir, log)
    await history.start()
    const alerts = createAlertSink({ settings: async () => settings, telegramToken, language: () => 'en', log })
    const health = createHealthSettingsStore({ dataDir, log })
    const checkHistory = checkHistoryInStore(history.store, log)
    // The rules act as `iproxy bulk` does: its connection actions, the app's same-phone gap and cap, the audit trail.
    const built: { engine?: ReturnType<typeof createWatchWithChecks> } = {}
    const fleet = await cliFleetActions({
      account,
      dataDir,
      history: history.store,
      checks: checkHistory,
      log,
      // What a rule's change of IP finds goes back into the watch, as the app's do.
      listeners: {
        ipNotChanged: (connectionId, ip) => built.engine?.reportIpNotChanged(connectionId, ip),
        ipRepeated: (connectionId, ip, returnedAfterMs) => built.engine?.reportIpRepeated(connectionId, ip, returnedAfterMs),
      },
    })
    const printRun = (run: RuleRun) => {
      if (run.outcome === 'running') return
      const message = ruleRunSentence(run, 'en')
      if (flags.json) ctx.out.jsonLine(ruleRunRecord(run, message))
      else ctx.out.line(`${new Date(run.endedAt ?? run.startedAt).toISOString()} rule_run ${run.connectionName ?? run.connectionId} (${run.connectionId}): ${message}`)
    }
    const engine = createWatchWithChecks({
      client: () => account.client,
      history: history.store,
      settings: async () => settings,
      alerts,
      log,
      checkHistory,
      echoUrl: async () => account.demoEchoUrl ?? (await health.get()).echoUrls[0] ?? '',
      checkTimeoutMs: async () => (await health.get()).timeoutMs,
      rules: {
        rules: rules.rules,
        actions: fleet.actions,
        gate: fleet.gate,
        audit: fleet.audit,
        concurrency: () => fleet.settings.current().concurrency,
        onRun: printRun,
      },
    })
    built.engine = engine

    engine.onEvents((events) => {
      for (const event of events) {
        if (flags.json) ctx.out.jsonLine(webhookPayload(event, String(event.id ?? ''), 'en'))
        else ctx.out.line(eventLine(event, eventSentence(event, 'en')))
      }
    })
    let announced = false
    engine.onStatus((status) => {
      if (announced || status.lastCycleAt === undefined) return
      announced = true
      const channels = [settings.webhooks.length > 0 ? `${settings.webhooks.length} webhook(s)` : '', settings.telegram.enabled && settings.telegram.chatId ? 'Telegram' : '']
        .filter(Boolean)
        .join(' and ')
      ctx.out.note(
        `Watching ${status.counts.total} connections every ${settings.intervalSeconds} s (offline after ${settings.offlineAfterSeconds} s)` +
          `${channels ? `, alerts to ${channels}` : ''}${settings.scheduledChecks.enabled ? `, proxies checked every ${settings.scheduledChecks.everyMinutes} min` : ''}` +
          `${rules.count > 0 ? `, ${rules.count} rule${rules.count === 1 ? '' : 's'} on (${rules.from})` : ''}. ` +
          'Stop with Ctrl-C or SIGTERM.',
      )
    })
    if (account.demoEchoUrl) ctx.out.note(`Demo simulator: ${new URL(account.demoEchoUrl).origin} (control surface under /_control: see "npm run simulator -- --help").`)

    const stopSignal = await new Promise<NodeJS.Signals>((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        process.removeListener('SIGINT', onSignal)
        process.removeListener('SIGTERM', onSignal)
        resolve(signal)
      }
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
      engine.start()
    })
    ctx.out.note(`${stopSignal}: stopping the watch.`)
    await engine.stop()
    await fleet.health.dispose()
    await alerts.dispose()
    await checkHistory.flush()
    await history.dispose()
    return EXIT.ok
  })
}
