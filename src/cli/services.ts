/**
 * The app's own services, built for the command line: the same exports and health code the desktop app runs, with
 * no desktop behind them (the command line never opens a dialog or touches the clipboard) and a log that stays
 * quiet unless IPROXY_DEBUG=1 (on stderr, masked like the app's).
 */
import type { DesktopIntegration } from '../main/desktop'
import { createExportsService } from '../main/exports/service'
import { createHealthService } from '../main/health/service'
import { openAppHistory } from '../main/history/app-history'
import { checkHistoryInStore } from '../main/history/check-history'
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
 * The app's bulk runner for `iproxy bulk`: the same connection actions, phone gate (the app's same-phone gap),
 * concurrency setting (bulk-settings.json) and audit trail as a run started in the app, every run and step written
 * into the data folder's history.sqlite. The health service behind "change IP and verify" shares that database.
 * `dispose` lets the last writes land and closes it.
 */
export async function cliBulkService(options: { account: Account; dataDir: string; env: NodeJS.ProcessEnv }) {
  const { account, dataDir } = options
  const log = cliLogger(options.env)
  // Loaded here: only `iproxy bulk` needs the runner.
  const { createAuditWriter, createBulkService, createBulkSettingsStore, createConnectionActions, createPhoneGate } = await import('../main/bulk')
  const history = openAppHistory(dataDir, log)
  const health = createHealthService({
    dataDir,
    log,
    emitProgress: () => {},
    client: () => account.client,
    demoEchoUrl: async () => account.demoEchoUrl,
    parse: parseProxyLines,
    history: checkHistoryInStore(history.store, log),
  })
  const settings = createBulkSettingsStore({ dataDir, log })
  await settings.get()
  const bulk = createBulkService({
    actions: createConnectionActions({ client: () => account.client, health, history: history.store, log }),
    gate: createPhoneGate({ gapMs: () => settings.current().samePhoneGapSeconds * 1000 }),
    audit: createAuditWriter(history.store, log),
    client: () => account.client,
    settings: () => settings.get(),
    log,
    // Lines are printed as items finish: a short interval keeps them close to the moment.
    progressIntervalMs: 50,
  })
  return {
    bulk,
    history: history.store,
    /** The concurrency a run gets: the flag, else the app's setting. */
    concurrency: (flag?: number): number => flag ?? settings.current().concurrency,
    async dispose(): Promise<void> {
      await bulk.dispose()
      await health.dispose()
      await history.dispose()
    },
  }
}
