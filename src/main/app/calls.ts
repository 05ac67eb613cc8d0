/**
 * The `app` domain: the calls of shared/contract/app.ts (app info, opening an allowed link, the clipboard, the
 * interface language, Help's log folder and diagnostics).
 */
import { mkdir } from 'node:fs/promises'
import type { AppInfo, UiLanguage } from '../../shared/bridge'
import { AppError } from '../app-error'
import type { DesktopIntegration } from '../desktop'
import type { Implementations } from '../handler-table'
import { buildDiagnostics } from './diagnostics'
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from './external-links'

type AppCallName = Extract<keyof Implementations, `app.${string}`>

export function appCalls(deps: {
  appInfo: AppInfo
  openExternal: (url: string) => Promise<void>
  desktop: Pick<DesktopIntegration, 'writeClipboard' | 'openPath'>
  setLanguage: (language: UiLanguage) => void
  userDataDir: string
  /** Where the log files are (log-file.ts's logDirOf). */
  logDir: string
}): Pick<Implementations, AppCallName> {
  return {
    'app.info': () => deps.appInfo,
    'app.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('link_not_allowed', `Only https links to ${EXTERNAL_LINK_HOSTS.join(', ')} open from the app.`)
      }
      /* eng-disable OPEN_EXTERNAL_JS_CHECK -- the url passed isAllowedExternalUrl just above: https, iProxy hosts only */
      await deps.openExternal(url)
    },
    'app.copyText': ({ text }) => deps.desktop.writeClipboard(text),
    'app.setLanguage': ({ language }) => deps.setLanguage(language),
    'app.openLogFolder': async () => {
      if (!deps.desktop.openPath) throw new AppError('unavailable', 'There is no file manager to open the log folder with here.')
      // Nothing may have been logged yet: the folder is made so that there is something to open.
      await mkdir(deps.logDir, { recursive: true })
      try {
        await deps.desktop.openPath(deps.logDir)
      } catch (err) {
        throw new AppError('open_failed', `Could not open the log folder ${deps.logDir}: ${err instanceof Error ? err.message : String(err)}`)
      }
    },
    'app.copyDiagnostics': () => {
      const text = buildDiagnostics({ appInfo: deps.appInfo, userDataDir: deps.userDataDir, logDir: deps.logDir })
      deps.desktop.writeClipboard(text)
      return { text }
    },
  }
}
