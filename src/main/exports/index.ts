export { createExportsService, type ExportsService, type ExportsServiceOptions, type ExportsClient } from './service'
export { verifyOvpnConfig, writeOvpnFile, writeOvpnFolder, writeOvpnZip, assertWritableFolder, type OvpnJob, type RawOvpnConfig } from './ovpn-files'
export { createUniqueNamer, safeFileName, sanitizeStem, ovpnStem, MAX_NAME_BYTES } from './file-names'
export { createPreferencesStore, DEFAULT_EXPORT_PREFERENCES } from './preferences'
