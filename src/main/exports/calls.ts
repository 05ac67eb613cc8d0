/**
 * The `exports` domain: proxy lists (clipboard, file) and OpenVPN files (one, a folder, a zip), for the active
 * account: the calls of shared/contract/exports.ts, whose input schemas the handler table parsed already; and what
 * quitting must do (clear a copy with passwords still on the clipboard).
 */
import type { UiLanguage } from '../../shared/bridge'
import type { DesktopIntegration } from '../desktop'
import type { Implementations } from '../handler-table'
import { createExportsService } from './service'
import type { ExportsClient, ExportsService } from './service'

type ExportsCallName = Extract<keyof Implementations, `exports.${string}`>

export function exportsCalls(
  client: () => ExportsClient,
  desktop: DesktopIntegration,
  userDataDir: string,
  language: () => UiLanguage,
): { implementations: Pick<Implementations, ExportsCallName>; dispose(): Promise<void> } {
  const service = createExportsService({ client, desktop, userDataDir, language })
  return { implementations: calls(service), dispose: () => service.dispose() }
}

function calls(service: ExportsService): Pick<Implementations, ExportsCallName> {
  return {
    'exports.copyProxies': (input) => service.copyProxies(input),
    'exports.saveProxies': (input) => service.saveProxies(input),
    'exports.preview': (input) => service.preview(input),
    'exports.saveOvpn': (input) => service.saveOvpn(input),
    'exports.saveOvpnMany': (input) => service.saveOvpnMany(input),
    'exports.saveConnectionsCsv': (input) => service.saveConnectionsCsv(input),
    'exports.saveIpHistoryCsv': (input) => service.saveIpHistoryCsv(input),
    'exports.getPreferences': () => service.getPreferences(),
    'exports.setPreferences': (input) => service.setPreferences(input),
  }
}
