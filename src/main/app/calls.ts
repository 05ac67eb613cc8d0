/**
 * The `app` domain: the calls of shared/contract/app.ts (app info, opening an allowed link, the clipboard, the
 * interface language).
 */
import type { AppInfo, UiLanguage } from '../../shared/bridge'
import { AppError } from '../app-error'
import type { DesktopIntegration } from '../desktop'
import type { Implementations } from '../handler-table'
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from './external-links'

export function appCalls(deps: {
  appInfo: AppInfo
  openExternal: (url: string) => Promise<void>
  desktop: Pick<DesktopIntegration, 'writeClipboard'>
  setLanguage: (language: UiLanguage) => void
}): Pick<Implementations, 'app.info' | 'app.openExternal' | 'app.copyText' | 'app.setLanguage'> {
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
  }
}
