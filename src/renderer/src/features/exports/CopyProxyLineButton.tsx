import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProxyExportInput } from '../../../../shared/exports'
import { getApi } from '../../bridge'
import { useExportsStore } from '../../stores/exports'
import { errorMessage } from '../../ui/error-message'

interface Props {
  proxyId: string
  /** How the proxy is named to screen readers, e.g. "x1.fxdx.in:13874". */
  name?: string
}

/**
 * Copies one proxy's line in the remembered format and address (URL when the remembered format is CSV or JSON,
 * which are not one-line formats).
 */
export function CopyProxyLineButton({ proxyId, name }: Props) {
  const { t } = useTranslation()
  const [state, setState] = useState<'idle' | 'busy' | 'copied'>('idle')
  const [clearsIn, setClearsIn] = useState<number>()
  const [error, setError] = useState<string>()
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => {
    void useExportsStore.getState().load()
    return () => clearTimeout(timer.current)
  }, [])

  const copy = async () => {
    setState('busy')
    setError(undefined)
    try {
      await useExportsStore.getState().load()
      const { format, address, template } = useExportsStore.getState().preferences
      const lineFormat = format === 'csv' || format === 'json' ? 'url' : format
      const input: ProxyExportInput = lineFormat === 'template' ? { proxyIds: [proxyId], format: lineFormat, address, template } : { proxyIds: [proxyId], format: lineFormat, address }
      const copied = await getApi().exports.copyProxies(input)
      setClearsIn(copied.clearsInSeconds)
      setState('copied')
      clearTimeout(timer.current)
      timer.current = setTimeout(() => setState('idle'), 2000)
    } catch (err) {
      setError(errorMessage(err))
      setState('idle')
    }
  }

  const copiedText = clearsIn === undefined ? t('exports.copiedShort') : `${t('exports.copiedShort')}. ${t('exports.copiedClears', { seconds: clearsIn })}`
  return (
    <span className="exports-inline">
      <button type="button" onClick={() => void copy()} disabled={state === 'busy'} aria-label={name ? t('exports.copyLineOf', { name }) : t('exports.copyLine')} title={state === 'copied' ? copiedText : t('exports.copyLine')}>
        {state === 'copied' ? t('exports.copiedShort') : t('exports.copyLine')}
      </button>
      <span role="status" className="exports-visually-hidden">
        {state === 'copied' ? copiedText : ''}
      </span>
      {error && (
        <span role="alert" className="inline-error">
          {error}
        </span>
      )}
    </span>
  )
}
