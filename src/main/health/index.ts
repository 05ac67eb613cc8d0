/** Proxy health checks, plain Node: the checker, batches, change-IP-and-verify, history and settings. */
export { checkProxy, measureThroughput, classifyError, DEFAULT_TIMEOUT_MS, type CheckOptions } from './check-proxy'
export { checkMany, DEFAULT_CONCURRENCY, type CheckManyOptions } from './check-many'
export { parseEchoBody, type EchoReading } from './echo'
export { rotateAndVerify, targetOfAccess, DEFAULT_ROTATE_TIMEOUT_MS, type RotateDeps, type RotateOptions } from './rotate'
export { createHealthHistory, toHistoryEntry, HISTORY_FILE, type HealthHistory } from './history'
export { createHealthSettingsStore, SETTINGS_FILE, type HealthSettingsStore } from './settings'
export { createHealthService, type HealthService, type HealthServiceOptions } from './service'
