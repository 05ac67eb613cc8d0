/**
 * The history domain: a SQLite file of checks, status changes, exit IPs and actions (see migrations.ts for the
 * layout). The app opens a HistoryStore at start; the command line opens a read-only HistoryReader.
 */
export { createHistoryStore, HistoryStore, importOldCheckHistory, openHistoryStore, type HistoryStoreOptions } from './store'
export { HistoryReader, openHistoryReader } from './reader'
export { HISTORY_DB_FILE, HistoryFileError } from './open'
export { IMPORTED_SUFFIX } from './import-json'
export { SCHEMA_VERSION } from './migrations'
