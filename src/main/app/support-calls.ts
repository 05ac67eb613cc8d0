/**
 * The `support` domain: the calls of shared/contract/support.ts (Help's versions and folders, "Check the API",
 * and the app's own updates, read from the update store the shell's updater writes). The check's report is also
 * remembered for "Copy diagnostics" (diagnostics.ts).
 */
import type { AppInfo } from '../../shared/bridge'
import { AppError } from '../app-error'
import { runDriftReport } from '../drift/report'
import type { Implementations } from '../handler-table'
import type { IproxyClient } from '../iproxy/client'
import { logDirOf } from '../log-file'
import { readUpdateSettings, writeUpdateSettings } from '../update/settings'
import { updateStore } from '../update/store'
import { osOf, rememberDriftReport } from './diagnostics'

type SupportCallName = Extract<keyof Implementations, `support.${string}`>

export function supportCalls(deps: {
  appInfo: AppInfo
  userDataDir: string
  logDir?: string
  /** The active profile's client (throws when no profile is active). */
  client: () => IproxyClient
}): Pick<Implementations, SupportCallName> {
  return {
    'support.about': () => ({
      version: deps.appInfo.version,
      os: osOf(),
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      node: process.versions.node ?? null,
      dataFolder: deps.userDataDir,
      logFolder: deps.logDir ?? logDirOf(deps.userDataDir),
    }),
    'support.updateState': () => updateStore.state(),
    'support.downloadUpdate': async () => {
      const actions = updateStore.actions()
      if (!actions) throw new AppError('unavailable', 'This build of the app does not update itself.')
      await actions.download()
    },
    'support.restartToUpdate': () => {
      updateStore.actions()?.restart()
    },
    'support.updateSettings': () => readUpdateSettings(deps.userDataDir),
    'support.setUpdateSettings': async (settings) => {
      await writeUpdateSettings(deps.userDataDir, settings)
      updateStore.actions()?.configure(settings)
      return settings
    },
    'support.checkApi': async () => {
      const report = await runDriftReport(deps.client())
      rememberDriftReport(report)
      return report
    },
  }
}
