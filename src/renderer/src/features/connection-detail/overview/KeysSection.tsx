import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PinCode } from '../../../../../shared/iproxy'
import { getApi } from '../../../bridge'
import { ConfirmDialog } from '../../../ui/ConfirmDialog'
import { errorMessage } from '../../../ui/error-message'
import { LocalTime } from '../../../ui/LocalTime'
import { SecretValue } from './SecretValue'

/** A new PIN code (to set up the phone) and a new connection API key: each shown once, in this component only. */
export function KeysSection({ connId }: { connId: string }) {
  const { t } = useTranslation()
  const [pin, setPin] = useState<PinCode>()
  const [apiKey, setApiKey] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [confirmKey, setConfirmKey] = useState(false)

  async function newPin(): Promise<void> {
    setBusy(true)
    setError(undefined)
    try {
      setPin(await getApi().connections.createPinCode({ connId }))
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="detail-section" aria-labelledby="overview-keys">
      <h3 id="overview-keys">{t('connectionDetail.keys.title')}</h3>
      <div className="toolbar">
        <button type="button" onClick={() => void newPin()} disabled={busy}>
          {t('connectionDetail.keys.newPin')}
        </button>
        <button type="button" className="danger" onClick={() => setConfirmKey(true)}>
          {t('connectionDetail.keys.newKey')}
        </button>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {pin && (
        <div className="secret-block">
          <SecretValue label={t('connectionDetail.keys.pin')} value={pin.pincode} hint={t('connectionDetail.keys.pinHint')} />
          <p>
            {t('connectionDetail.keys.pinExpires')}: <LocalTime value={pin.expires_at} fallback={t('connectionDetail.none')} />
          </p>
        </div>
      )}
      {apiKey && <SecretValue label={t('connectionDetail.keys.key')} value={apiKey} hint={t('connectionDetail.keys.keyHint')} />}
      {confirmKey && (
        <ConfirmDialog
          title={t('connectionDetail.keys.keyTitle')}
          body={t('connectionDetail.keys.keyBody')}
          confirmLabel={t('connectionDetail.keys.keyConfirm')}
          onConfirm={async () => {
            setApiKey((await getApi().connections.createApiKey({ connId })).api_key)
          }}
          onClose={() => setConfirmKey(false)}
        />
      )}
    </section>
  )
}
