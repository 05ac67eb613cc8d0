/**
 * The proxy export form: format (incl. a user template), address (host name or IP), a live preview, copy to
 * the clipboard and save as a file. Starts from the remembered format and address.
 */
import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CopiedProxies, ProxyExportInput, ProxyExportPreview, SavedProxies } from '../../../../shared/exports'
import { ADDRESS_CHOICES, PROXY_FORMATS, type AddressChoice, type ProxyFormat } from '../../../../shared/proxy-list/format'
import { TEMPLATE_PLACEHOLDERS } from '../../../../shared/proxy-list/template'
import { getApi } from '../../bridge'
import { useExportsStore } from '../../stores/exports'
import { TextField } from '../../ui/TextField'
import { formErrors } from '../../ui/form-errors'
import { ExportSummaryDetails } from './ExportSummary'
import { formatLabel } from './export-labels'
import './exports.css'

interface Props {
  /** Absent = every proxy of the account. */
  proxyIds?: readonly string[]
  describe?: (proxyId: string) => string
}

type Outcome = { kind: 'copied'; summary: CopiedProxies } | { kind: 'saved'; summary: SavedProxies } | { kind: 'cancelled' }

export function ProxyExportForm(props: Props) {
  const { t } = useTranslation()
  const loaded = useExportsStore((s) => s.loaded)
  useEffect(() => {
    void useExportsStore.getState().load()
  }, [])
  // Start from the remembered preferences, so wait for them (one quick call, once per session).
  if (!loaded) return <p className="muted">{t('app.loading')}</p>
  return <ExportForm {...props} />
}

function ExportForm({ proxyIds, describe }: Props) {
  const { t } = useTranslation()
  const preferences = useExportsStore((s) => s.preferences)
  const used = useExportsStore((s) => s.used)
  const [format, setFormat] = useState<ProxyFormat>(preferences.format)
  const [address, setAddress] = useState<AddressChoice>(preferences.address)
  const [template, setTemplate] = useState(preferences.template)
  const [preview, setPreview] = useState<ProxyExportPreview>()
  const [previewError, setPreviewError] = useState<{ template?: string; form?: string }>()
  const [busy, setBusy] = useState<'copy' | 'save'>()
  const [outcome, setOutcome] = useState<Outcome>()
  const [actionError, setActionError] = useState<string>()
  const formatId = useId()
  const previewId = useId()

  const input = useMemo((): ProxyExportInput => {
    const base: ProxyExportInput = { format, address, ...(proxyIds ? { proxyIds: [...proxyIds] } : {}) }
    return format === 'template' ? { ...base, template } : base
  }, [format, address, template, proxyIds])

  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      getApi()
        .exports.preview(input)
        .then((p) => {
          if (!live) return
          setPreview(p)
          setPreviewError(undefined)
        })
        .catch((err: unknown) => {
          if (!live) return
          const errors = formErrors(err)
          setPreview(undefined)
          setPreviewError({ ...(errors.fields.template ? { template: errors.fields.template } : {}), ...(errors.form ? { form: errors.form } : {}) })
        })
    }, 200)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [input])

  const run = async (kind: 'copy' | 'save') => {
    setBusy(kind)
    setOutcome(undefined)
    setActionError(undefined)
    try {
      if (kind === 'copy') {
        const summary = await getApi().exports.copyProxies(input)
        setOutcome({ kind: 'copied', summary })
      } else {
        const result = await getApi().exports.saveProxies(input)
        setOutcome('cancelled' in result ? { kind: 'cancelled' } : { kind: 'saved', summary: result })
        if ('cancelled' in result) return
      }
      used({ format, address, ...(format === 'template' ? { template } : {}) })
    } catch (err) {
      const errors = formErrors(err)
      setActionError(errors.fields.template ?? errors.form ?? Object.values(errors.fields)[0])
    } finally {
      setBusy(undefined)
    }
  }

  const hiddenLines = preview && preview.truncated ? preview.count - preview.text.split('\n').length : 0

  return (
    <div className="exports-form">
      <div className="field">
        <label htmlFor={formatId}>{t('exports.format')}</label>
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as ProxyFormat)}>
          {PROXY_FORMATS.map((f) => (
            <option key={f} value={f}>
              {formatLabel(t, f)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="exports-address">
        <legend>{t('exports.address')}</legend>
        {ADDRESS_CHOICES.map((a) => (
          <label key={a}>
            <input type="radio" name={`${formatId}-address`} value={a} checked={address === a} onChange={() => setAddress(a)} />
            {a === 'hostname' ? t('exports.addressHostname') : t('exports.addressIp')}
          </label>
        ))}
      </fieldset>
      {format === 'template' && (
        <TextField
          label={t('exports.template')}
          value={template}
          spellCheck={false}
          onChange={(e) => setTemplate(e.target.value)}
          error={previewError?.template}
          hint={t('exports.templateHint', { placeholders: TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' '), braces: '{{ }}' })}
        />
      )}
      {format === 'csv' && <p className="muted">{t('exports.csvFormulaNote')}</p>}
      <div className="exports-preview">
        <h3 id={previewId}>{t('exports.preview')}</h3>
        {previewError?.form && (
          <p className="form-error" role="alert">
            {previewError.form}
          </p>
        )}
        {preview && (
          <>
            {preview.text === '' ? (
              <p className="muted">{t('exports.previewEmpty')}</p>
            ) : (
              <pre aria-labelledby={previewId} tabIndex={0}>
                {preview.text}
              </pre>
            )}
            {hiddenLines > 0 && <p className="muted">{t('exports.previewMore', { count: hiddenLines })}</p>}
            <ExportSummaryDetails summary={preview} {...(describe ? { describe } : {})} />
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => void run('copy')} disabled={busy !== undefined}>
          {busy === 'copy' ? t('exports.copying') : t('exports.copy')}
        </button>
        <button type="button" onClick={() => void run('save')} disabled={busy !== undefined}>
          {busy === 'save' ? t('exports.saving') : t('exports.save')}
        </button>
      </div>
      <div aria-live="polite">
        {outcome?.kind === 'copied' && (
          <p role="status" className="notice">
            {t('exports.copied', { count: outcome.summary.count })}
            {outcome.summary.clearsInSeconds !== undefined && ` ${t('exports.copiedClears', { seconds: outcome.summary.clearsInSeconds })}`}
          </p>
        )}
        {outcome?.kind === 'saved' && (
          <p role="status" className="notice">
            {t('exports.saved', { count: outcome.summary.count, path: outcome.summary.path })}
          </p>
        )}
        {outcome?.kind === 'cancelled' && (
          <p role="status" className="muted">
            {t('exports.cancelled')}
          </p>
        )}
      </div>
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
    </div>
  )
}
