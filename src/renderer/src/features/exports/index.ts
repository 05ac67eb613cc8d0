/** The exports feature's reusable parts, for other screens to place. */
export { ExportsScreen } from './ExportsScreen'
export { ExportProxiesButton, ExportProxiesDialog } from './ExportProxiesButton'
export { CopyProxyLineButton } from './CopyProxyLineButton'
export { DownloadOvpnButton } from './DownloadOvpnButton'
export { DownloadOvpnManyButton, OvpnManyReport, useOvpnMany } from './DownloadOvpnManyButton'
export { ProxyExportForm } from './ProxyExportForm'
export { SaveCsvButton } from './SaveCsvButton'
