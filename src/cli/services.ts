/**
 * The app's own services, built for the command line: the same exports and health code the desktop app runs, with
 * no desktop behind them (the command line never opens a dialog or touches the clipboard) and a log that stays
 * quiet unless IPROXY_DEBUG=1 (on stderr, masked like the app's).
 */
import type { DesktopIntegration } from '../main/desktop'
import { createExportsService } from '../main/exports/service'
import { createHealthService } from '../main/health/service'
import { openAppHistory } from '../main/history/app-history'
import { checkHistoryInStore, type StoredCheckHistory } from '../main/history/check-history'
import type { RecordingListeners } from '../main/history/app-recording'
import type { HistoryStore } from '../main/history/store'
import { createLogger, type Logger } from '../main/log'
import type { HealthProgress } from '../shared/health'
import { parseProxyLines } from '../shared/proxy-list/parse'
import type { Account } from './account'
import { authError } from './exit-codes'

export function cliLogger(env: NodeJS.ProcessEnv): Logger {
  return env.IPROXY_DEBUG === '1' ? createLogger() : () => {}
}

const noDesktop = (): never => {
  throw new Error('the command line has no desktop dialogs')
}

/** Dialogs and the clipboard are what the command line replaces with --out and stdout: reaching them is a bug. */
export const NO_DESKTOP: DesktopIntegration = {
  chooseSaveFile: noDesktop,
  chooseFolder: noDesktop,
  chooseOpenFile: noDesktop,
  writeClipboard: noDesktop,
  readClipboard: noDesktop,
}

export function cliExportsService(account: Account, dataDir: string) {
  return createExportsService({ client: () => account.client, desktop: NO_DESKTOP, userDataDir: dataDir })
}

/**
 * The health service with the app's settings, its check results kept in the app's history database (the same
 * history.sqlite the app writes; SQLite's WAL lets both write). Its progress events go to `onProgress`. Without an
 * account only pasted lines can be checked (they need no key). `dispose` writes the last results and closes the
 * database.
 */
export function cliHealthService(options: { account?: Account | undefined; dataDir: string; env: NodeJS.ProcessEnv; onProgress?: (p: HealthProgress) => void }) {
  const { account } = options
  const log = cliLogger(options.env)
  const history = openAppHistory(options.dataDir, log)
  const health = createHealthService({
    dataDir: options.dataDir,
    log,
    emitProgress: (p) => options.onProgress?.(p),
    client: () => {
      if (!account) throw authError('no_key', 'No API key: checking account proxies needs --profile NAME, IPROXY_API_KEY or --demo.')
      return account.client
    },
    demoEchoUrl: async () => account?.demoEchoUrl,
    parse: parseProxyLines,
    history: checkHistoryInStore(history.store, log),
    // Results are printed as they come: no need to hold them for the app's ~10 updates a second.
    progressIntervalMs: 20,
  })
  return {
    ...health,
    async dispose(): Promise<void> {
      await health.dispose()
      await history.dispose()
    },
  }
}

/**
 * What bulk runs and rules act through, built for the command line on the app's history database, as the app
 * builds them: the health service behind "change IP and verify" (its checks kept in `checks`), the connection
 * actions, the phone gate with the app's same-phone gap, and the audit writer, with the app's bulk settings
 * (bulk-settings.json). `iproxy bulk` and `iproxy watch`'s rules both use it.
 */
export async function cliFleetActions(options: { account: Account; dataDir: string; history: HistoryStore; checks: StoredCheckHistory; log: Logger; listeners?: RecordingListeners }) {
  const { account, dataDir, history, log } = options
  // Loaded here: only the commands that act on phones need them.
  const { createAuditWriter, createBulkSettingsStore, createConnectionActions, createPhoneGate } = await import('../main/bulk')
  const health = createHealthService({
    dataDir,
    log,
    emitProgress: () => {},
    client: () => account.client,
    demoEchoUrl: async () => account.demoEchoUrl,
    parse: parseProxyLines,
    history: options.checks,
  })
  const settings = createBulkSettingsStore({ dataDir, log })
  await settings.get()
  return {
    health,
    settings,
    actions: createConnectionActions({ client: () => account.client, health, history, log, ...(options.listeners ? { listeners: options.listeners } : {}) }),
    gate: createPhoneGate({ gapMs: () => settings.current().samePhoneGapSeconds * 1000 }),
    audit: createAuditWriter(history, log),
  }
}

/**
 * The app's bulk runner for `iproxy bulk`, on cliFleetActions: every run and step written into the data folder's
 * history.sqlite. `dispose` lets the last writes land and closes it.
 */
export async function cliBulkService(options: { account: Account; dataDir: string; env: NodeJS.ProcessEnv }) {
  const { account, dataDir } = options
  const log = cliLogger(options.env)
  const { createBulkService } = await import('../main/bulk')
  const history = openAppHistory(dataDir, log)
  const fleet = await cliFleetActions({ account, dataDir, history: history.store, checks: checkHistoryInStore(history.store, log), log })
  const bulk = createBulkService({
    actions: fleet.actions,
    gate: fleet.gate,
    audit: fleet.audit,
    client: () => account.client,
    settings: () => fleet.settings.get(),
    log,
    // Lines are printed as items finish: a short interval keeps them close to the moment.
    progressIntervalMs: 50,
  })
  return {
    bulk,
    history: history.store,
    /** The concurrency a run gets: the flag, else the app's setting. */
    concurrency: (flag?: number): number => flag ?? fleet.settings.current().concurrency,
    async dispose(): Promise<void> {
      await bulk.dispose()
      await fleet.health.dispose()
      await history.dispose()
    },
  }
}
