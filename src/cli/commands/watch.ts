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
 */
import type { Command } from 'commander'
import { watchSettingsSchema, type WatchEvent, type WatchSettings } from '../../shared/watch'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'
import { EXIT, usageError, type ExitCode } from '../exit-codes'

interface WatchFlags extends CommonFlags {
  interval?: string
  offlineAfter?: string
  webhook?: string[]
  telegramChat?: string
  checksEvery?: string
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

export function registerWatch(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(
    program
      .command('watch')
      .description('watch the fleet with no window: print each event (offline, back online, API down, ...) and send alerts until stopped')
      .option('--interval <seconds>', 'seconds between polls of the connections status (at least 10; default 30 or the app\'s setting)')
      .option('--offline-after <seconds>', 'offline this long before an alert (default 120 or the app\'s setting)')
      .option('--webhook <url>', 'POST each event as JSON to this URL (repeat for more)', (value: string, all: string[] = []) => [...all, value])
      .option('--telegram-chat <id>', 'send a summary per cycle to this Telegram chat (token: IPROXY_TELEGRAM_TOKEN or the keychain)')
      .option('--checks-every <minutes>', 'also check every proxy from the exit side every N minutes, spread over them'),
  )
    .addHelpText(
      'after',
      '\nRuns until SIGINT or SIGTERM (exit 0). Settings: the app\'s watch settings in the data folder, the flags on top.\n' +
        'Examples:\n  iproxy watch --demo\n  iproxy watch --profile Work --webhook https://example.com/hook --json\n' +
        '  IPROXY_API_KEY=... IPROXY_TELEGRAM_TOKEN=... iproxy watch --telegram-chat 123456 --interval 60',
    )
    .action((flags: WatchFlags) => run(() => watch(ctx, flags)))
}

async function watch(ctx: CliContext, flags: WatchFlags): Promise<ExitCode> {
  // Flags are checked before anything is opened: a typo never starts a half-configured watch.
  const { resolveDataDir } = await import('../data-dir')
  const { createWatchSettingsStore } = await import('../../main/watch/settings')
  const { cliLogger } = await import('../services')
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

  return withAccount(ctx, flags, async (account) => {
    const { openAppHistory } = await import('../../main/history/app-history')
    const { checkHistoryInStore } = await import('../../main/history/check-history')
    const { createHealthSettingsStore } = await import('../../main/health/settings')
    const { createAlertSink } = await import('../../main/watch/alerts')
    const { webhookPayload } = await import('../../main/watch/alerts/webhook')
    const { eventSentence } = await import('../../main/watch/alerts/messages')
    const { createWatchWithChecks } = await import('../../main/watch/engine-setup')

    const history = openAppHistory(dataDir, log)
    await history.start()
    const alerts = createAlertSink({ settings: async () => settings, telegramToken, language: () => 'en', log })
    const health = createHealthSettingsStore({ dataDir, log })
    const checkHistory = checkHistoryInStore(history.store, log)
    const engine = createWatchWithChecks({
      client: () => account.client,
      history: history.store,
      settings: async () => settings,
      alerts,
      log,
      checkHistory,
      echoUrl: async () => account.demoEchoUrl ?? (await health.get()).echoUrls[0] ?? '',
      checkTimeoutMs: async () => (await health.get()).timeoutMs,
    })

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
          `${channels ? `, alerts to ${channels}` : ''}${settings.scheduledChecks.enabled ? `, proxies checked every ${settings.scheduledChecks.everyMinutes} min` : ''}. ` +
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
    await alerts.dispose()
    await checkHistory.flush()
    await history.dispose()
    return EXIT.ok
  })
}
