/**
 * The audit trail's read (`history.audit`): the newest runs of the fleet, or of one connection, read again when a
 * screen shows them and whenever a bulk run or a rule run of this session ends, so a run just finished is listed
 * without a click.
 */
import { useEffect } from 'react'
import type { AuditEntry } from '../../../../shared/audit'
import { getApi } from '../../bridge'
import { isFinal, useBulk } from '../../stores/bulk'
import { createCache, useCached, type CachedData } from '../../stores/cache'
import { subscribeToRules, useRules } from '../../stores/rules'

/** Runs asked for at once (the contract allows up to 1,000). */
export const AUDIT_LIMIT = 500

export interface AuditPage {
  entries: AuditEntry[]
  truncated: boolean
}

const auditCache = createCache<AuditPage>()

export function useAudit(connectionId: string | undefined): CachedData<AuditPage> {
  const key = connectionId ?? '*'
  const cached = useCached(auditCache, key, () => getApi().history.audit({ ...(connectionId ? { connectionId } : {}), limit: AUDIT_LIMIT }))
  const { refresh } = cached
  useEffect(subscribeToRules, [])
  const endedBulk = useBulk((s) => Object.values(s.runs).filter(isFinal).length)
  const endedRules = useRules((s) => s.runs.filter((run) => run.outcome !== 'running').length)
  useEffect(() => {
    // On opening (the cache skips it while the first load runs), and after each run that ended since.
    void refresh()
  }, [key, endedBulk, endedRules]) // eslint-disable-line react-hooks/exhaustive-deps
  return cached
}
