/**
 * The fleet watch's three parts as the desktop app builds them: the settings store (watch-settings.json and the
 * bot token in the keychain), the alert sink (desktop notices through the shell, webhooks, Telegram), and the engine
 * on the active profile's client with the history database, scheduled checks and the self-healing rules (the
 * rules.json rules, acting through the same connection actions and phone gate as bulk runs). desktop-watch.ts runs them.
 */
import type { UiLanguage } from '../../shared/bridge'
import type { RuleRun } from '../../shared/rules'
import type { AuditWriter, ConnectionActions, PhoneGate } from '../bulk/types'
import type { HealthHistory } from '../health/history'
import { createHealthSettingsStore } from '../health/settings'
import type { HistoryStore } from '../history/store'
import type { IproxyClient } from '../iproxy'
import type { Logger } from '../log'
import type { RulesStore } from '../rules/store'
import { createAlertSink } from './alerts'
import type { WatchParts } from './desktop-watch'
import { createWatchWithChecks, type WatchRulesSetup } from './engine-setup'
import { createWatchSettingsStore } from './settings'
import type { DesktopNotice } from './types'

export interface WatchPartsDeps {
  userDataDir: string
  log: Logger
  history: HistoryStore
  /** Where scheduled checks' results go, as the Health screen's do. */
  checks: HealthHistory
  /** The active profile's client; undefined with no profile (the engine then idles). */
  client: () => IproxyClient | undefined
  /** The shell's desktop notifications; absent where there is no desktop. */
  notify?: (notice: DesktopNotice) => void
  language: () => UiLanguage
  /** The demo simulator's echo URL while the demo profile is active (scheduled checks use it, as health checks do). */
  demoEchoUrl: () => Promise<string | undefined>
  /** The self-healing rules: none run without these. */
  rules?: WatchPartsRules
}

export interface WatchPartsRules {
  /** rules.json: its last good rules are read again every cycle. */
  store: RulesStore
  /** The bulk runs' connection actions and phone gate (one gate in the app: a rule never acts on a phone a bulk run holds). */
  actions: ConnectionActions
  gate: PhoneGate
  /** The history's audit trail. */
  audit: AuditWriter
  /** Action steps at once across every rule: the bulk runs' setting (the pace form on the Rules screen). */
  concurrency: () => number
  /** Each run as it starts, moves on and ends: the page's `rules.run` event. */
  onRun?: (run: RuleRun) => void
}

export function createWatchParts(deps: WatchPartsDeps): WatchParts {
  const { log } = deps
  // The token goes to the watch's own keychain service (settings.ts): never beside the profiles' API keys.
  const settings = createWatchSettingsStore({ dataDir: deps.userDataDir, log })
  const sink = createAlertSink({
    settings: () => settings.get(),
    telegramToken: () => settings.telegramToken(),
    ...(deps.notify ? { notify: deps.notify } : {}),
    language: deps.language,
    log,
  })
  // Scheduled checks use the Health screen's echo URLs and timeout (health-settings.json), the demo's echo in demo mode.
  const health = createHealthSettingsStore({ dataDir: deps.userDataDir, log })
  const echoUrl = async (): Promise<string> => (await deps.demoEchoUrl()) ?? ((await health.get()).echoUrls[0] as string)
  /** A new engine (and its scheduled checks) per watched profile: nothing one account's fleet left behind carries over. */
  const createEngine = () =>
    createWatchWithChecks({
      client: deps.client,
      history: deps.history,
      settings: () => settings.get(),
      alerts: sink,
      log,
      checkHistory: deps.checks,
      echoUrl,
      checkTimeoutMs: async () => (await health.get()).timeoutMs,
      ...(deps.rules ? { rules: { ...rulesSetup(deps.rules), language: deps.language } } : {}),
    })
  return { createEngine, sink, settings, events: async (query) => deps.history.watchEvents(query) }
}

function rulesSetup(rules: WatchPartsRules): WatchRulesSetup {
  return {
    rules: async () => (await rules.store.current()).rules,
    actions: rules.actions,
    gate: rules.gate,
    audit: rules.audit,
    concurrency: rules.concurrency,
    ...(rules.onRun ? { onRun: rules.onRun } : {}),
  }
}
