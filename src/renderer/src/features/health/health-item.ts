import type { TFunction } from 'i18next'
import { useShallow } from 'zustand/react/shallow'
import type { HealthCheckResult, HealthHistoryEntry, HealthStatus } from '../../../../shared/health'
import { useHealthStore } from '../../stores/health'

/** One proxy's (or pasted line's) check as every health part shows it: the latest result, else the kept history's last. */
export interface HealthItemView {
  checking: boolean
  callError: string | undefined
  /** This session's latest result (absent when only the history knows the proxy). */
  latest: HealthCheckResult | undefined
  history: HealthHistoryEntry[] | undefined
  /** Undefined: never checked. */
  status: HealthStatus | undefined
  ms: number
  exitIp: string | undefined
  country: string | undefined
  mismatch: boolean
  checkedAt: string
}

/** Reads one item's check from the health store (the Health screen's columns and the Proxies grids' cell share it). */
export function useHealthItem(itemKey: string): HealthItemView {
  const { item, checking, history, callError } = useHealthStore(
    useShallow((s) => ({ item: s.results[itemKey], checking: s.checking[itemKey] === true, history: s.history[itemKey], callError: s.callErrors[itemKey] })),
  )
  const latest = item?.result
  const last = history?.at(-1)
  return {
    checking,
    callError,
    latest,
    history,
    status: latest?.status ?? last?.status,
    ms: latest ? latest.timings.totalMs : (last?.totalMs ?? 0),
    exitIp: latest ? latest.exitIp : last?.exitIp,
    country: latest ? latest.geo?.country : last?.country,
    mismatch: latest ? latest.ipMismatch === true : last?.ipMismatch === true,
    checkedAt: latest?.checkedAt ?? last?.checkedAt ?? '',
  }
}

/**
 * What a check's outcome means, in the interface language: main's reason code when it gave one (more precise than
 * the status), else the status's own text. Main's raw detail is never the message: it goes on hover / in details.
 */
export function checkMessage(t: TFunction, status: HealthStatus, latest: HealthCheckResult | undefined): string {
  return latest?.reason ? t(`health.reason.${latest.reason}`) : t(`health.statusHelp.${status}`)
}
