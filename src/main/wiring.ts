/**
 * The main process without Electron: builds every service and puts each domain's calls into one table.
 *
 * Wiring only: each domain's calls live beside its service (`main/<domain>/calls.ts`), and nothing imports this
 * file but the two places that start the app: `main/index.ts` with Electron's paths and event sender, and the e2e
 * harness with a scratch folder and a Playwright-backed sender. Both get the same implementations, so what the
 * e2e tests drive is what the app runs.
 */
import type { AppInfo, UiLanguage } from '../shared/bridge'
import { appCalls } from './app/calls'
import { supportCalls } from './app/support-calls'
import { bulkCalls } from './bulk/calls'
import { rulesCalls } from './rules/calls'
import { createRulesStore } from './rules/store'
import { createDemoSession } from './demo/demo-session'
import type { DemoSession } from './demo/demo-session'
import type { DesktopIntegration, Emit } from './desktop'
import { exportsCalls } from './exports/calls'
import type { Implementations } from './handler-table'
import { createHealthCalls } from './health/calls'
import { openAppHistory } from './history/app-history'
import { withHistoryRecording, type RecordingListeners } from './history/app-recording'
import { historyCalls } from './history/calls'
import { checkHistoryInStore } from './history/check-history'
import { accountDataCalls } from './iproxy/calls'
import type { Logger } from './log'
import { logDirOf } from './log-file'
import { relayCalls } from './relay/calls'
import { profileCalls } from './secrets/calls'
import type { SecretStore } from './secrets/keychain'
import { createProfileService } from './secrets/profile-service'
import { createDesktopWatch, followProfiles, type DesktopWatch } from './watch/desktop-watch'
import { createWatchParts } from './watch/watch-parts'

export interface ServicesOptions {
  appInfo: AppInfo
  emit: Emit
  log: Logger
  /** Opens a link in the user's browser (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>
  /** Where the app keeps its files (Electron's userData folder in the app). */
  userDataDir: string
  /** The OS keychain: the only place API keys are stored. */
  keychain: SecretStore
  desktop: DesktopIntegration
  /** Where the log files are written (log-file.ts's logDirOf(userDataDir) unless given). */
  logDir?: string
}

export interface Services {
  implementations: Implementations
  /** The embedded simulator behind demo mode (tests use it to inject faults and read its state). */
  demo: DemoSession
  /**
   * The fleet watch: its engine (tests run a cycle with `watch.engine.runCycle()` rather than wait), its status and
   * settings for the tray, pause and "check all now".
   */
  watch: DesktopWatch
  /** Re-activates the last used profile and reports orphaned keychain entries; called once at start-up, after the window is up. */
  start(): Promise<void>
  /** Stops timers, servers and sockets the services hold. */
  dispose(): Promise<void>
}

export function createServices(options: ServicesOptions): Services {
  const profiles = createProfileService({ dataDir: options.userDataDir, keychain: options.keychain, log: options.log })
  const demo = createDemoSession()
  // The interface's language, as the renderer last said (English until it does).
  let language: UiLanguage = 'en'
  const exportsDomain = exportsCalls(() => profiles.client(), options.desktop, options.userDataDir, () => language)
  // The fleet history (history.sqlite): opened now, so every call below can record into it from the first one.
  const history = openAppHistory(options.userDataDir, options.log)
  const checks = checkHistoryInStore(history.store, options.log)
  const relays = relayCalls({ userDataDir: options.userDataDir, client: () => profiles.client(), log: options.log, recordAction: (a) => history.store.recordAction(a) })
  const health = createHealthCalls({
    userDataDir: options.userDataDir,
    emit: options.emit,
    log: options.log,
    profiles,
    demo,
    desktop: options.desktop,
    language: () => language,
    history: checks,
  })
  // A change of IP that kept the same exit IP, or brought back one the phone had before, is an event of the fleet
  // watch (its engine of the moment), whether the page, a bulk run or a rule changed it. The watch is made below,
  // after the bulk calls its rules act through; these run only once an IP changes, when it exists.
  const ipListeners: RecordingListeners = {
    ipNotChanged: (connectionId, ip) => watch.engine.reportIpNotChanged(connectionId, ip),
    ipRepeated: (connectionId, ip, returnedAfterMs) => watch.engine.reportIpRepeated(connectionId, ip, returnedAfterMs),
  }
  // Bulk runs: the one phone gate, the connection actions and the audit writer are the rules' too.
  const bulk = bulkCalls({
    userDataDir: options.userDataDir,
    emit: options.emit,
    log: options.log,
    client: () => profiles.client(),
    health: health.service,
    history: history.store,
    listeners: ipListeners,
    language: () => language,
  })
  const rulesStore = createRulesStore({ dataDir: options.userDataDir, log: options.log })
  const watch = createDesktopWatch(
    { emit: options.emit, log: options.log, activeProfileId: () => profiles.activeProfile()?.id, language: () => language },
    createWatchParts({
      userDataDir: options.userDataDir,
      log: options.log,
      history: history.store,
      checks,
      client: () => (profiles.activeProfile() ? profiles.client() : undefined),
      ...(options.desktop.notify ? { notify: options.desktop.notify } : {}),
      language: () => language,
      demoEchoUrl: async () => (profiles.activeProfile()?.demo ? (await demo.start()).echoUrl : undefined),
      rules: {
        store: rulesStore,
        actions: bulk.actions,
        gate: bulk.gate,
        audit: bulk.audit,
        concurrency: () => bulk.settings.current().concurrency,
        onRun: (run) => options.emit('rules.run', run),
      },
    }),
  )
  // Failover groups skip a phone the watch saw go offline, and take it back once it is online again.
  watch.listen({
    raised: (events) => {
      for (const e of events) {
        if (e.connectionId && (e.kind === 'connection_offline' || e.kind === 'connection_online')) relays.connectionHealth(e.connectionId, e.kind === 'connection_online', e.kind)
      }
    },
  })
  const setLanguage = (next: UiLanguage): void => {
    language = next
    watch.languageChanged(next)
  }
  const implementations: Implementations = withHistoryRecording(
    {
      ...appCalls({ ...options, setLanguage, logDir: options.logDir ?? logDirOf(options.userDataDir) }),
      // Watching follows the active profile: these calls may change it. Not awaited: stopping the last profile's
      // watch may wait for its cycle in flight, and switching profiles must not.
      ...followProfiles(profileCalls(profiles, demo), ['profiles.add', 'profiles.remove', 'profiles.activate', 'profiles.replaceKey', 'profiles.startDemo'], async () => {
        void watch.profileMayHaveChanged()
      }),
      ...accountDataCalls(() => profiles.client()),
      ...health.implementations,
      ...exportsDomain.implementations,
      ...historyCalls(history.store, checks.writePending, { desktop: options.desktop, language: () => language }),
      ...supportCalls({ ...options, client: () => profiles.client() }),
      ...relays.implementations,
      ...watch.implementations,
      ...bulk.implementations,
      ...rulesCalls({ store: rulesStore, history: history.store, client: () => (profiles.activeProfile() ? profiles.client() : undefined), log: options.log }),
    },
    history.store,
    options.log,
    ipListeners,
  )
  return {
    implementations,
    demo,
    watch,
    start: async () => {
      await history.start()
      // `--demo` on the command line (npm run demo) opens straight into the demo account.
      if (options.appInfo.demoMode) await profiles.startDemo(await demo.start())
      else await profiles.restoreLastActive()
      await profiles.reportOrphanKeys()
      relays.start()
      await watch.start()
    },
    dispose: async () => {
      // First: a cycle in flight finishes and its events are stored before the history closes.
      await watch.dispose()
      // Bulk runs end before what they use closes: calls in flight are cancelled, their steps recorded.
      await bulk.dispose()
      // Then health: it cancels running batches and writes the last check history before the clients close.
      await health.service.dispose()
      // Before history: a failover switch while closing is still recorded.
      await relays.dispose()
      // After health: its last check results are written before the database closes.
      await history.dispose()
      await exportsDomain.dispose()
      await profiles.dispose()
      await demo.stop()
    },
  }
}
