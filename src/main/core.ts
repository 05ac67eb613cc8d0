/**
 * The main process without Electron: builds every service and maps each contract call to one.
 *
 * `main/index.ts` creates it with Electron's paths and event sender; the e2e harness creates it with a scratch
 * folder and a Playwright-backed sender. Both then get the same implementations, so what the e2e tests drive is
 * what the app runs.
 */
import type { AppInfo, EventName, EventPayload, UiLanguage } from '../shared/bridge'
import { accountDataCalls } from './calls/account-data-calls'
import { appCalls } from './calls/app-calls'
import { exportsCalls } from './calls/exports-calls'
import { createHealthCalls } from './calls/health-calls'
import { profileCalls } from './calls/profile-calls'
import { createDemoSession } from './demo/demo-session'
import type { DemoSession } from './demo/demo-session'
import type { Implementations } from './handler-table'
import type { Logger } from './log'
import type { SecretStore } from './secrets/keychain'
import { createProfileService } from './secrets/profile-service'

export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void

/** What main needs from the desktop itself: native dialogs and the clipboard (Electron's, in main/ipc.ts). */
export interface DesktopIntegration {
  /** A native "Save as…" dialog; the chosen path, or undefined when the user cancelled. */
  chooseSaveFile(options: { title: string; defaultName: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | undefined>
  /** A native folder picker; the chosen folder, or undefined when the user cancelled. */
  chooseFolder(options: { title: string }): Promise<string | undefined>
  /** A native "Open" dialog for one file; its path, or undefined when the user cancelled. */
  chooseOpenFile(options: { title: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | undefined>
  writeClipboard(text: string): void
}

export interface CoreOptions {
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
}

export interface Core {
  implementations: Implementations
  /** The embedded simulator behind demo mode (tests use it to inject faults and read its state). */
  demo: DemoSession
  /** Re-activates the last used profile; called once at start-up, after the window is up. */
  start(): Promise<void>
  /** Stops timers, servers and sockets the services hold. */
  dispose(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const profiles = createProfileService({ dataDir: options.userDataDir, keychain: options.keychain, log: options.log })
  const demo = createDemoSession()
  // The interface's language, as the renderer last said (English until it does).
  let language: UiLanguage = 'en'
  const health = createHealthCalls({ userDataDir: options.userDataDir, emit: options.emit, log: options.log, profiles, demo, desktop: options.desktop, language: () => language })
  const implementations: Implementations = {
    ...appCalls({ ...options, setLanguage: (l) => (language = l) }),
    ...profileCalls(profiles, demo),
    ...accountDataCalls(() => profiles.client()),
    ...health.implementations,
    ...exportsCalls(() => profiles.client(), options.desktop, options.userDataDir, () => language),
  }
  return {
    implementations,
    demo,
    start: async () => {
      // `--demo` on the command line (npm run demo) opens straight into the demo account.
      if (options.appInfo.demoMode) await profiles.startDemo(await demo.start())
      else await profiles.restoreLastActive()
    },
    dispose: async () => {
      // Health first: it cancels running batches and writes the last check history before the clients close.
      await health.service.dispose()
      await profiles.dispose()
      await demo.stop()
    },
  }
}
