import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuthType, CreateProxyAccessRequest, ListenService, UpdateProxyAccessRequest } from '../../../../shared/iproxy'
import type { ProxyAccessView } from '../../../../shared/iproxy/proxy-access-view'
import {
  AUTH_TYPES,
  createProxyAccessRequestSchema,
  EXPIRES_AT_NEVER,
  LISTEN_SERVICES,
  updateProxyAccessRequestSchema,
} from '../../../../shared/iproxy'
import { Dialog } from '../../ui/Dialog'
import type { FormErrors } from '../../ui/form-errors'
import { TextField } from '../../ui/TextField'
import { isNoDate } from '../../ui/time-text'
import { serverErrors, validateBody } from '../../ui/form-errors'
import { FormError } from '../../ui/FormError'
import { fromLocalInput, toLocalInput } from '../../ui/local-input'
import { SelectField } from '../../ui/SelectField'
import { FormActions } from '../../ui/FormActions'

const FIELDS = ['listen_service', 'auth_type', 'auth.login', 'auth.password', 'auth', 'acl_inbound_policy', 'acl_inbound_ips', 'expires_at', 'description'] as const

interface ProxyFormProps {
  /** The proxy being edited; a new one when absent. */
  proxy?: ProxyAccessView
  submit(body: CreateProxyAccessRequest | UpdateProxyAccessRequest): Promise<void>
  onClose(): void
}

/** Create or edit a proxy access: checked with the shared request schema first, errors on the named field. */
export function ProxyForm({ proxy, submit, onClose }: ProxyFormProps) {
  const { t } = useTranslation()
  const formId = useId()
  const [service, setService] = useState<ListenService>(proxy?.listen_service === 'socks5' ? 'socks5' : 'http')
  const [authType, setAuthType] = useState<AuthType>(proxy?.auth_type === 'noauth' ? 'noauth' : 'userpass')
  // New proxies get generated credentials unless the user asks to set them; edits keep them unless changed.
  const [setCredentials, setSetCredentials] = useState(false)
  const [login, setLogin] = useState(proxy?.auth?.login ?? '')
  const [password, setPassword] = useState('')
  const [ips, setIps] = useState((proxy?.acl_inbound_ips ?? []).join('\n'))
  const [expires, setExpires] = useState(toLocalInput(proxy?.expires_at))
  const [description, setDescription] = useState(proxy?.description ?? '')
  const [errors, setErrors] = useState<FormErrors>({ fields: {} })
  const [busy, setBusy] = useState(false)

  function body(): CreateProxyAccessRequest | UpdateProxyAccessRequest {
    const ipList = ips.split(/[\s,;]+/).map((ip) => ip.trim()).filter(Boolean)
    const expiresAt = fromLocalInput(expires)
    const hadExpiry = proxy !== undefined && !isNoDate(proxy.expires_at)
    const out: CreateProxyAccessRequest | UpdateProxyAccessRequest = { listen_service: service, auth_type: authType }
    if (authType === 'userpass' && setCredentials) out.auth = { login: login.trim(), password }
    if (authType === 'noauth') out.acl_inbound_policy = 'deny_except'
    if (ipList.length > 0 || authType === 'noauth') out.acl_inbound_ips = ipList
    else if (proxy && (proxy.acl_inbound_ips?.length ?? 0) > 0) out.acl_inbound_ips = []
    if (expiresAt) out.expires_at = expiresAt
    else if (expires) out.expires_at = expires // unreadable: let the validator name it
    else if (hadExpiry) out.expires_at = EXPIRES_AT_NEVER
    if (description.trim()) out.description = description.trim()
    return out
  }

  const fieldError = (name: string) => errors.fields[name]

  return (
    <Dialog title={proxy ? t('proxyAccess.editTitle', { address: `${proxy.hostname}:${proxy.port}` }) : t('proxyAccess.createTitle')} onClose={onClose}>
      <form
        className="form tab-form"
        onSubmit={async (event) => {
          event.preventDefault()
          const request = body()
          const problems = validateBody(proxy ? updateProxyAccessRequestSchema : createProxyAccessRequestSchema, request, FIELDS)
          if (problems) return setErrors(problems)
          setBusy(true)
          setErrors({ fields: {} })
          try {
            await submit(request)
            onClose()
          } catch (err) {
            setErrors(serverErrors(err, FIELDS))
            setBusy(false)
          }
        }}
      >
        <div className="field-row">
          <SelectField
            label={t('proxyAccess.service')}
            value={service}
            options={LISTEN_SERVICES.map((s) => ({ value: s, label: t(`proxyAccess.services.${s}`) }))}
            onChange={(v) => setService(v as ListenService)}
            error={fieldError('listen_service')}
          />
          <SelectField
            label={t('proxyAccess.authType')}
            value={authType}
            options={AUTH_TYPES.map((a) => ({ value: a, label: t(`proxyAccess.authTypes.${a}`) }))}
            onChange={(v) => setAuthType(v as AuthType)}
            error={fieldError('auth_type') ?? fieldError('acl_inbound_policy')}
          />
        </div>
        {authType === 'userpass' && (
          <fieldset className="fieldset">
            <legend>{t('proxyAccess.credentials')}</legend>
            <label className="choice">
              <input type="radio" name={`${formId}-cred`} checked={!setCredentials} onChange={() => setSetCredentials(false)} />
              {proxy ? t('proxyAccess.keepCredentials') : t('proxyAccess.generateCredentials')}
            </label>
            <label className="choice">
              <input type="radio" name={`${formId}-cred`} checked={setCredentials} onChange={() => setSetCredentials(true)} />
              {t('proxyAccess.setCredentials')}
            </label>
            {setCredentials && (
              <div className="field-row">
                <TextField label={t('proxyAccess.login')} value={login} onChange={(e) => setLogin(e.target.value)} error={fieldError('auth.login') ?? fieldError('auth')} autoComplete="off" />
                <TextField label={t('proxyAccess.password')} value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError('auth.password')} autoComplete="new-password" />
              </div>
            )}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={`${formId}-ips`}>{t('proxyAccess.allowList')}</label>
          <textarea
            id={`${formId}-ips`}
            rows={3}
            value={ips}
            onChange={(e) => setIps(e.target.value)}
            aria-invalid={fieldError('acl_inbound_ips') ? true : undefined}
            aria-describedby={`${formId}-ips-hint${fieldError('acl_inbound_ips') ? ` ${formId}-ips-error` : ''}`}
          />
          <small id={`${formId}-ips-hint`} className="field-hint">
            {authType === 'noauth' ? t('proxyAccess.allowListRequired') : t('proxyAccess.allowListHint')}
          </small>
          {fieldError('acl_inbound_ips') && (
            <small id={`${formId}-ips-error`} className="field-error" role="alert">
              {fieldError('acl_inbound_ips')}
            </small>
          )}
        </div>
        <TextField
          label={t('proxyAccess.expires')}
          type="datetime-local"
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
          error={fieldError('expires_at')}
          hint={t('proxyAccess.expiresHint')}
        />
        <TextField label={t('proxyAccess.description')} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError('description')} />
        <FormError message={errors.form} />
        <FormActions busy={busy} onCancel={onClose} submitLabel={proxy ? t('app.save') : t('proxyAccess.create')} />
      </form>
    </Dialog>
  )
}
