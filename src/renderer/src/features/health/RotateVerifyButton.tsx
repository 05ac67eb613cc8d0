import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RotateVerifyResult } from '../../../../shared/health'
import { Dialog } from '../../ui/Dialog'
import { useHealthStore } from '../../stores/health'
import './health.css'
import { errorMessage } from '../../ui/error-message'

interface RotateVerifyButtonProps {
  connectionIds: string[]
  /** Connection names for the results (ids are shown otherwise). */
  names?: Readonly<Record<string, string>>
  /** Check through this proxy (one connection only); the connection's first proxy otherwise. */
  proxyId?: string
}

/** "Change IP and verify": asks first, then shows old → new IP, seconds and attempts, or why it failed. */
export function RotateVerifyButton({ connectionIds, names, proxyId }: RotateVerifyButtonProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const count = connectionIds.length
  return (
    <>
      <button type="button" disabled={count === 0} onClick={() => setOpen(true)}>
        {count > 1 ? t('health.rotate.buttonMany', { count }) : t('health.rotate.button')}
      </button>
      {open && <RotateVerifyDialog connectionIds={connectionIds} {...(names ? { names } : {})} {...(proxyId ? { proxyId } : {})} onClose={() => setOpen(false)} />}
    </>
  )
}

export function RotateVerifyDialog({ connectionIds, names, proxyId, onClose }: RotateVerifyButtonProps & { onClose(): void }) {
  const { t } = useTranslation()
  const rotate = useHealthStore((s) => s.rotate)
  const cancelRotate = useHealthStore((s) => s.cancelRotate)
  const [running, setRunning] = useState(false)
  /** The running call's id, for Cancel; and whether Cancel was pressed (until the run answers). */
  const [runId, setRunId] = useState<string>()
  const [cancelling, setCancelling] = useState(false)
  const [results, setResults] = useState<RotateVerifyResult[]>()
  const [error, setError] = useState<string>()
  const count = connectionIds.length
  const nameOf = (id: string) => names?.[id] ?? id

  async function start() {
    const id = crypto.randomUUID()
    setRunning(true)
    setRunId(id)
    setCancelling(false)
    setError(undefined)
    try {
      setResults(await rotate(connectionIds, proxyId, id))
    } catch (err) {
      setError(t('health.rotate.callFailed', { reason: errorMessage(err) }))
    } finally {
      setRunning(false)
      setRunId(undefined)
    }
  }

  async function cancel() {
    if (!runId) return
    setCancelling(true)
    try {
      await cancelRotate(runId)
    } catch (err) {
      setCancelling(false)
      setError(t('health.rotate.cancelFailed', { reason: errorMessage(err) }))
    }
  }

  return (
    <Dialog title={t('health.rotate.title')} onClose={running ? () => {} : onClose}>
      <p>{count > 1 ? t('health.rotate.explainMany', { count }) : t('health.rotate.explainOne')}</p>
      {running && <p role="status">{cancelling ? t('health.rotate.cancelling') : t('health.rotate.running')}</p>}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {results && (
        <ul className="health-rotate-results" aria-label={t('health.rotate.title')}>
          {results.map((r) => (
            <li key={r.connectionId} className={r.ok ? '' : 'health-warn'} title={r.ok ? undefined : r.message}>
              {r.ok
                ? t('health.rotate.changed', { name: nameOf(r.connectionId), old: r.oldIp ?? '', new: r.newIp ?? '', seconds: r.seconds, count: r.attempts })
                : t('health.rotate.failed', { name: nameOf(r.connectionId), message: t(`health.rotate.status.${r.status}`) })}
              {r.ok && r.waitedUnique ? ` (${t('health.rotate.uniqueNote')})` : ''}
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        {running ? (
          <button type="button" onClick={() => void cancel()} disabled={cancelling || !runId}>
            {t('health.rotate.cancel')}
          </button>
        ) : (
          <button type="button" onClick={onClose}>
            {t('app.close')}
          </button>
        )}
        {!results && (
          <button type="button" className="primary" onClick={() => void start()} disabled={running}>
            {t('health.rotate.start')}
          </button>
        )}
      </div>
    </Dialog>
  )
}
