import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../ui/Dialog'
import { ProxyExportForm } from './ProxyExportForm'

interface Props {
  /** The proxies to export (ids of proxy accesses). */
  proxyIds: readonly string[]
  /** Button text; "Export N proxies…" by default. */
  label?: string
  describe?: (proxyId: string) => string
  disabled?: boolean
}

/** A button that opens the export dialog for the given proxies: format, address, preview, copy, save. */
export function ExportProxiesButton({ proxyIds, label, describe, disabled }: Props) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={disabled || proxyIds.length === 0}>
        {label ?? t('exports.exportSelected', { count: proxyIds.length })}
      </button>
      {open && (
        <ExportProxiesDialog proxyIds={proxyIds} onClose={() => setOpen(false)} {...(describe ? { describe } : {})} />
      )}
    </>
  )
}

/** The export dialog on its own, for screens that open it from elsewhere. */
export function ExportProxiesDialog({ proxyIds, onClose, describe }: { proxyIds: readonly string[]; onClose(): void; describe?: (proxyId: string) => string }) {
  const { t } = useTranslation()
  return (
    <Dialog title={t('exports.exportTitle', { count: proxyIds.length })} onClose={onClose}>
      <ProxyExportForm proxyIds={proxyIds} {...(describe ? { describe } : {})} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('app.close')}
        </button>
      </div>
    </Dialog>
  )
}
