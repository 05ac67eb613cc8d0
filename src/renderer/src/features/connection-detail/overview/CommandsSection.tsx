import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandPushRequest } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { ConfirmDialog } from '../../../ui/ConfirmDialog'
import { errorMessage } from '../../../ui/error-message'

// Change IP and verify (health checks) loads on first view of the Overview, not with the app.
const RotateVerifyButton = lazy(() => import('../../health/RotateVerifyButton').then((m) => ({ default: m.RotateVerifyButton })))

/** The buttons, in the order people reach for them; toggle_proxy is two buttons, one per direction. */
const COMMANDS = [
  { id: 'changeip', request: { action: 'changeip' } },
  { id: 'reboot', request: { action: 'reboot' } },
  { id: 'refresh', request: { action: 'refresh' } },
  { id: 'refresh_fingerprint', request: { action: 'refresh_fingerprint' } },
  { id: 'fix_lte', request: { action: 'fix_lte' } },
  { id: 'proxyOn', request: { action: 'toggle_proxy', toggle_proxy_params: { enabled: true } } },
  { id: 'proxyOff', request: { action: 'toggle_proxy', toggle_proxy_params: { enabled: false } } },
  { id: 'find_my_device', request: { action: 'find_my_device' } },
  { id: 'debug_report', request: { action: 'debug_report' } },
  { id: 'upgrade_app', request: { action: 'upgrade_app' } },
  { id: 'speed_test', request: { action: 'speed_test' } },
] as const satisfies ReadonlyArray<{ id: string; request: CommandPushRequest }>

type CommandId = (typeof COMMANDS)[number]['id']

/** The API answers every command with "<action> command has been sent": said in words, in the interface's language. */
const SENT = /^\w+ command has been sent\.?$/
type Outcome = { state: 'sending' } | { state: 'sent'; message: string } | { state: 'failed'; reason: string }

/** Commands from command-push; each one's latest outcome stays listed under the buttons. Reboot asks first. */
export function CommandsSection({ connId, name }: { connId: string; name: string }) {
  const { t } = useTranslation()
  const [outcomes, setOutcomes] = useState<Partial<Record<CommandId, Outcome>>>({})
  const [order, setOrder] = useState<CommandId[]>([])
  const [confirmReboot, setConfirmReboot] = useState(false)
  const label = (id: CommandId) => t(`connectionDetail.commands.${id}`)

  async function send(command: (typeof COMMANDS)[number]): Promise<void> {
    const record = (outcome: Outcome) => setOutcomes((all) => ({ ...all, [command.id]: outcome }))
    setOrder((ids) => [command.id, ...ids.filter((id) => id !== command.id)])
    record({ state: 'sending' })
    try {
      const answer = await getApi().connections.pushCommand({ connId, body: command.request })
      record({ state: 'sent', message: answer.message })
    } catch (err) {
      record({ state: 'failed', reason: errorMessage(err) })
    }
  }

  return (
    <section className="detail-section" aria-labelledby="overview-commands">
      <h3 id="overview-commands">{t('connectionDetail.commands.title')}</h3>
      <p className="field-hint">{t('connectionDetail.commands.hint')}</p>
      <div className="command-grid">
        {COMMANDS.map((command) => (
          <button
            key={command.id}
            type="button"
            className={command.id === 'reboot' ? 'danger' : undefined}
            disabled={outcomes[command.id]?.state === 'sending'}
            onClick={() => (command.id === 'reboot' ? setConfirmReboot(true) : void send(command))}
          >
            {label(command.id)}
          </button>
        ))}
        <Suspense fallback={null}>
          <RotateVerifyButton connectionIds={[connId]} names={{ [connId]: name }} />
        </Suspense>
      </div>
      <ul className="command-outcomes" aria-label={t('connectionDetail.commands.outcomes')} aria-live="polite">
        {order.map((id) => {
          const outcome = outcomes[id]
          if (!outcome) return null
          const text =
            outcome.state === 'sending' ? t('connectionDetail.commands.sending', { command: label(id) })
              : outcome.state === 'sent' && SENT.test(outcome.message) ? t('connectionDetail.commands.sentToPhone', { command: label(id) })
              : outcome.state === 'sent' ? t('connectionDetail.commands.sent', { command: label(id), message: outcome.message })
                : t('connectionDetail.commands.failed', { command: label(id), reason: outcome.reason })
          return (
            <li key={id} className={outcome.state === 'failed' ? 'form-error' : undefined} title={outcome.state === 'sent' ? outcome.message : undefined}>
              {text}
            </li>
          )
        })}
      </ul>
      {confirmReboot && (
        <ConfirmDialog
          title={t('connectionDetail.commands.rebootTitle')}
          body={t('connectionDetail.commands.rebootBody')}
          confirmLabel={t('connectionDetail.commands.rebootConfirm')}
          onConfirm={() => send(COMMANDS[1])}
          onClose={() => setConfirmReboot(false)}
        />
      )}
    </section>
  )
}
