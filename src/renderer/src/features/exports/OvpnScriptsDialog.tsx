import { useTranslation } from 'react-i18next'
import type { OvpnWithScripts } from '../../../../shared/exports'
import { Dialog } from '../../ui/Dialog'
import './exports.css'

interface Props {
  scripts: readonly OvpnWithScripts[]
  onSave(): void
  onCancel(): void
}

/**
 * Before saving .ovpn files that would run programs when opened in OpenVPN: which files, the lines that do it,
 * and "Save anyway" or Cancel (focused first, so Enter does not save by accident).
 */
export function OvpnScriptsDialog({ scripts, onSave, onCancel }: Props) {
  const { t } = useTranslation()
  return (
    <Dialog title={t('exports.scriptsTitle')} onClose={onCancel}>
      <p>{t('exports.scriptsBody')}</p>
      <div className="exports-scripts">
        {scripts.map((s, i) => (
          <section key={`${s.sha1}-${i}`} aria-label={s.name}>
            <h3>{s.name}</h3>
            <pre tabIndex={0}>{s.lines.map((l) => `${l.line}: ${l.text}`).join('\n')}</pre>
          </section>
        ))}
      </div>
      <p className="muted">{t('exports.scriptsAdvice')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
        <button type="button" className="danger" onClick={onSave}>
          {t('exports.scriptsSave')}
        </button>
      </div>
    </Dialog>
  )
}
