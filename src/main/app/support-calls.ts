/**
 * The `support` domain: the calls of shared/contract/support.ts (Help's versions and folders, and "Check the
 * API"). The check's report is also remembered for "Copy diagnostics" (diagnostics.ts).
 */
import type { AppInfo } from '../../shared/bridge'
import { runDriftReport } from '../drift/report'
import type { Implementations } from '../handler-table'
import type { IproxyClient } from '../iproxy/client'
import { logDirOf } from '../log-file'
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
    'support.checkApi': async () => {
      const report = await runDriftReport(deps.client())
      rememberDriftReport(report)
      return report
    },
  }
}
