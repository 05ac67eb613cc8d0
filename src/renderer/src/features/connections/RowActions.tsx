/**
 * A board row's quick actions (issue 18 point 10): copy the connection's first proxy line (the exports feature's
 * button, in the remembered format) and change its IP (the same command-push the detail's Commands send). Each
 * button's accessible name starts with its visible text and names the connection. What the change of IP did is
 * told by the screen (`onOutcome`) outside the list, so the row keeps its height.
 */
import { Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getApi } from '../../bridge'
import { errorMessage } from '../../ui/error-message'
import { CopyProxyLineButton } from '../../ui/lazy-parts'
import type { ConnectionRow } from './connection-rows'

export interface RowOutcome {
  text: string
  failed: boolean
}

export function RowActions({ row, onOutcome }: { row: ConnectionRow; onOutcome(outcome: RowOutcome): void }) {
  const { t } = useTranslation()
  const [sending, setSending] = useState(false)

  async function changeIp() {
    setSending(true)
    try {
      await getApi().connections.pushCommand({ connId: row.id, body: { action: 'changeip' } })
      onOutcome({ text: t('connections.board.changeIpSent', { name: row.name }), failed: false })
    } catch (err) {
      onOutcome({ text: t('connections.board.changeIpFailed', { name: row.name, reason: errorMessage(err) }), failed: true })
    } finally {
      setSending(false)
    }
  }

  return (
    <>
      {row.firstProxyId && (
        <Suspense fallback={null}>
          <CopyProxyLineButton proxyId={row.firstProxyId} name={row.name} />
        </Suspense>
      )}
      <button type="button" disabled={sending} aria-label={t('connections.board.changeIpOf', { name: row.name })} onClick={() => void changeIp()}>
        {t('connections.board.changeIp')}
      </button>
    </>
  )
}
