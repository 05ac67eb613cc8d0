import { useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { ProfileSummary } from '../../../../shared/profiles'
import { apiKeyInputSchema, profileNameSchema } from '../../../../shared/profiles'
import { useProfiles } from '../../stores/profiles'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/error-message'
import { formErrors } from '../../ui/form-errors'
import { TextField } from '../../ui/TextField'
import { AddProfileForm } from './AddProfileForm'
import { profileIssueText, type ProfileField } from './profile-rules'
import { OrphanKeysNotice } from './OrphanKeysNotice'
import { TryDemoButton } from './TryDemoButton'

type Editing = { kind: 'rename' | 'replaceKey' | 'remove'; profile: ProfileSummary }

export function ProfilesScreen() {
  const { t } = useTranslation()
  const { profiles, error, activate } = useProfiles(useShallow((s) => ({ profiles: s.profiles, error: s.error, activate: s.activate })))
  const [editing, setEditing] = useState<Editing>()
  const [actionError, setActionError] = useState<string>()

  return (
    <div className="profiles-screen">
      {(error || actionError) && (
        <p role="alert" className="form-error">
          {actionError ?? error}
        </p>
      )}
      <OrphanKeysNotice />
      {profiles.length === 0 ? (
        <p className="empty-state">{t('profiles.empty')}</p>
      ) : (
        <table className="table" aria-label={t('profiles.title')}>
          <tbody>
            {profiles.map((profile) => (
              <tr key={profile.id}>
                <th scope="row">
                  {profile.name} {profile.demo && <span className="badge badge-demo">{t('profiles.demo')}</span>}
                </th>
                <td>{profile.baseUrl}</td>
                <td>{profile.keyHint ? t('profiles.keyHint', { hint: profile.keyHint }) : t('profiles.keyUnknown')}</td>
                <td className="row-actions">
                  {profile.active ? (
                    <span className="badge">{t('profiles.active')}</span>
                  ) : (
                    <button
                      type="button"
                      aria-label={`${t('profiles.activate')} ${profile.name}`}
                      onClick={() => {
                        setActionError(undefined)
                        activate(profile.id).catch((err: unknown) => setActionError(errorMessage(err)))
                      }}
                    >
                      {t('profiles.activate')}
                    </button>
                  )}
                  {!profile.demo && (
                    <>
                      <button type="button" aria-label={`${t('profiles.rename')} ${profile.name}`} onClick={() => setEditing({ kind: 'rename', profile })}>
                        {t('profiles.rename')}
                      </button>
                      <button
                        type="button"
                        aria-label={`${t('profiles.replaceKey')} ${profile.name}`}
                        onClick={() => setEditing({ kind: 'replaceKey', profile })}
                      >
                        {t('profiles.replaceKey')}
                      </button>
                    </>
                  )}
                  <button
                    type="button"
                    className="danger"
                    aria-label={`${t('profiles.remove')} ${profile.name}`}
                    onClick={() => setEditing({ kind: 'remove', profile })}
                  >
                    {t('profiles.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('profiles.addTitle')}</h2>
      <AddProfileForm />
      {!profiles.some((p) => p.demo) && <TryDemoButton />}
      {editing?.kind === 'rename' && <RenameDialog profile={editing.profile} onClose={() => setEditing(undefined)} />}
      {editing?.kind === 'replaceKey' && <ReplaceKeyDialog profile={editing.profile} onClose={() => setEditing(undefined)} />}
      {editing?.kind === 'remove' && <RemoveDialog profile={editing.profile} onClose={() => setEditing(undefined)} />}
    </div>
  )
}

/** One text value, checked with the shared schema, then sent; errors stay on the field. */
function SingleFieldDialog(props: {
  title: string
  label: string
  initial: string
  secret?: boolean
  submitLabel: string
  validate(value: string): string | undefined
  submit(value: string): Promise<void>
  onClose(): void
}) {
  const { t } = useTranslation()
  const [value, setValue] = useState(props.initial)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          const problem = props.validate(value)
          if (problem) return setError(problem)
          setBusy(true)
          try {
            await props.submit(value)
            props.onClose()
          } catch (err) {
            const errors = formErrors(err)
            setError(Object.values(errors.fields)[0] ?? errors.form)
            setBusy(false)
          }
        }}
      >
        <TextField
          label={props.label}
          type={props.secret ? 'password' : 'text'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={error}
          autoComplete="off"
        />
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose} disabled={busy}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

const firstIssue = (t: TFunction, field: ProfileField, result: { success: boolean; error?: { issues: Array<{ code: string; message: string }> } }) => {
  const issue = result.success ? undefined : result.error?.issues[0]
  return issue ? profileIssueText(t, field, issue) : undefined
}

function RenameDialog({ profile, onClose }: { profile: ProfileSummary; onClose(): void }) {
  const { t } = useTranslation()
  const rename = useProfiles((s) => s.rename)
  return (
    <SingleFieldDialog
      title={t('profiles.renameTitle', { name: profile.name })}
      label={t('profiles.name')}
      initial={profile.name}
      submitLabel={t('app.save')}
      validate={(value) => firstIssue(t, 'name', profileNameSchema.safeParse(value))}
      submit={(value) => rename(profile.id, value.trim())}
      onClose={onClose}
    />
  )
}

function ReplaceKeyDialog({ profile, onClose }: { profile: ProfileSummary; onClose(): void }) {
  const { t } = useTranslation()
  const replaceKey = useProfiles((s) => s.replaceKey)
  return (
    <SingleFieldDialog
      title={t('profiles.replaceKeyTitle', { name: profile.name })}
      label={t('profiles.apiKey')}
      initial=""
      secret
      submitLabel={t('profiles.replace')}
      validate={(value) => firstIssue(t, 'apiKey', apiKeyInputSchema.safeParse(value))}
      submit={(value) => replaceKey(profile.id, value.trim())}
      onClose={onClose}
    />
  )
}

function RemoveDialog({ profile, onClose }: { profile: ProfileSummary; onClose(): void }) {
  const { t } = useTranslation()
  const remove = useProfiles((s) => s.remove)
  return (
    <ConfirmDialog
      title={t('profiles.removeTitle', { name: profile.name })}
      body={t('profiles.removeBody')}
      confirmLabel={t('profiles.remove')}
      onConfirm={() => remove(profile.id)}
      onClose={onClose}
    />
  )
}
