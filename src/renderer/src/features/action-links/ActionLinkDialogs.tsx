import { useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ActionLink, ActionLinkAction, Connection } from '../../../../shared/iproxy'
import { ACTION_LINK_ACTIONS, createActionLinkRequestSchema } from '../../../../shared/iproxy'
import { getApi } from '../../bridge'
import { actionLinkStore } from '../../stores/action-links'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { Dialog } from '../../ui/Dialog'
import type { FormErrors } from '../../ui/form-errors'
import { TextField } from '../../ui/TextField'
import { serverErrors, validateBody } from '../../ui/form-errors'
import { FormError } from '../../ui/FormError'
import { SelectField } from '../../ui/SelectField'
import { FormActions } from '../../ui/FormActions'

export type ActionLinkEditing =
  | { kind: 'create'; connId?: string }
  | { kind: 'delete'; link: ActionLink }
  | { kind: 'run'; link: ActionLink }

/**
 * Creating a link answers only with its id: the link itself (its URL is made by the server) is read back from its
 * connection's list and applied like any other change, so every loaded list shows it.
 */
async function readBack(profileId: string, connId: string, id: string): Promise<void> {
  const link = (await getApi().actionLinks.listByConnection({ connId })).find((l) => l.id === id)
  if (link) actionLinkStore.applyChange(profileId, { kind: 'create', item: link })
}

/** Runs a link now; returns what to tell the user. */
export async function runActionLink(link: ActionLink, t: TFunction): Promise<string> {
  await getApi().actionLinks.execute({ connId: link.connection_id, linkId: link.id })
  return t('actionLinks.ran', { action: actionLabel(link.action, t) })
}

export function actionLabel(action: string, t: TFunction): string {
  return (ACTION_LINK_ACTIONS as readonly string[]).includes(action) ? t(`actionLinks.actions.${action as ActionLinkAction}`) : action
}

export function ActionLinkDialogs(props: {
  editing: ActionLinkEditing
  profileId: string
  /** For choosing the connection when creating from the account-wide screen. */
  connections?: Connection[]
  onClose(): void
  onDone(message: string): void
}) {
  const { t } = useTranslation()
  const { editing, profileId, onClose, onDone } = props
  if (editing.kind === 'create') return <CreateForm {...props} connId={editing.connId} />
  const { link } = editing
  if (editing.kind === 'run') {
    return (
      <ConfirmDialog
        title={t('actionLinks.rebootTitle')}
        body={t('actionLinks.rebootBody')}
        confirmLabel={t('actionLinks.rebootConfirm')}
        onClose={onClose}
        onConfirm={async () => onDone(await runActionLink(link, t))}
      />
    )
  }
  return (
    <ConfirmDialog
      title={t('actionLinks.deleteTitle', { action: actionLabel(link.action, t) })}
      body={t('actionLinks.deleteBody')}
      confirmLabel={t('actionLinks.deleteConfirm')}
      onClose={onClose}
      onConfirm={async () => {
        await getApi().actionLinks.delete({ connId: link.connection_id, linkId: link.id })
        actionLinkStore.applyChange(profileId, { kind: 'delete', item: link })
        onDone(t('actionLinks.deleted'))
      }}
    />
  )
}

const FIELDS = ['action', 'comment', 'connId'] as const

function CreateForm({ connId: fixedConnId, connections, profileId, onClose, onDone }: { connId?: string | undefined; connections?: Connection[]; profileId: string; onClose(): void; onDone(message: string): void }) {
  const { t } = useTranslation()
  const [connId, setConnId] = useState(fixedConnId ?? connections?.[0]?.id ?? '')
  const [action, setAction] = useState<ActionLinkAction>('changeip')
  const [comment, setComment] = useState('')
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [busy, setBusy] = useState(false)
  const title = t('actionLinks.createTitle')
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className="form tab-form"
        onSubmit={async (event) => {
          event.preventDefault()
          if (!connId) return setErrors({ fields: { connId: t('actionLinks.connectionRequired') } })
          const body = { action, ...(comment.trim() ? { comment: comment.trim() } : {}) }
          const problems = validateBody(createActionLinkRequestSchema, body, FIELDS)
          if (problems) return setErrors(problems)
          setBusy(true)
          setErrors({ fields: {} })
          try {
            const { id } = await getApi().actionLinks.create({ connId, body })
            onClose()
            onDone(t('actionLinks.createdNotice'))
            // The link exists now; should reading it back fail, a refresh shows it.
            await readBack(profileId, connId, id).catch(() => undefined)
          } catch (err) {
            setErrors(serverErrors(err, FIELDS))
            setBusy(false)
          }
        }}
      >
        {!fixedConnId && connections && (
          <SelectField
            label={t('actionLinks.connection')}
            value={connId}
            options={connections.map((c) => ({ value: c.id, label: c.basic_info.name }))}
            onChange={setConnId}
            error={errors.fields.connId}
          />
        )}
        <SelectField
          label={t('actionLinks.action')}
          value={action}
          options={ACTION_LINK_ACTIONS.map((a) => ({ value: a, label: t(`actionLinks.actions.${a}`) }))}
          onChange={(v) => setAction(v as ActionLinkAction)}
          error={errors.fields.action}
        />
        <TextField label={t('actionLinks.comment')} value={comment} onChange={(e) => setComment(e.target.value)} error={errors.fields.comment} />
        <p className="field-hint">{t('actionLinks.secretHint')}</p>
        <FormError message={errors.form} />
        <FormActions busy={busy} onCancel={onClose} submitLabel={t('actionLinks.create')} />
      </form>
    </Dialog>
  )
}
