import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { getApi } from '../../bridge'
import { useAppInfo } from '../../stores/app-info'
import { errorMessage } from '../../ui/error-message'
import { AboutDetails } from './AboutDetails'
import { ApiCheck } from './ApiCheck'
import { UpdateSettings } from './UpdateSettings'
import './help.css'

/**
 * Help and About: which app this is, and the two things support asks for: the log folder (opened by main in the
 * file manager) and the diagnostics (built and copied by main, masked there; shown here so the user sees what
 * was copied before sending it).
 */
export function HelpScreen() {
  const { t } = useTranslation()
  const { info, load } = useAppInfo(useShallow((s) => ({ info: s.info, load: s.load })))
  const [notice, setNotice] = useState<string>()
  const [error, setError] = useState<string>()
  const [diagnostics, setDiagnostics] = useState<string>()
  const previewId = useId()
  useEffect(() => {
    if (!info) void load()
  }, [info, load])

  async function run(action: () => Promise<string>) {
    setNotice(undefined)
    setError(undefined)
    try {
      setNotice(await action())
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <div className="help-screen">
      <section aria-labelledby={`${previewId}-about`}>
        <h2 id={`${previewId}-about`}>{t('help.aboutTitle')}</h2>
        {info && (
          <p data-testid="help-about">
            {t('help.about', { name: info.name, version: info.version, platform: info.platform })}
          </p>
        )}
        <p>{t('help.keysNote')}</p>
        <h3>{t('help.detailsTitle')}</h3>
        <AboutDetails />
      </section>
      <UpdateSettings />
      <ApiCheck />
      <section aria-labelledby={`${previewId}-support`}>
        <h2 id={`${previewId}-support`}>{t('help.supportTitle')}</h2>
        <p>{t('help.supportIntro')}</p>
        <div className="toolbar">
          <button type="button" onClick={() => void run(async () => (await getApi().app.openLogFolder(), t('help.logFolderOpened')))}>
            {t('help.openLogFolder')}
          </button>
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                setDiagnostics((await getApi().app.copyDiagnostics()).text)
                return t('help.diagnosticsCopied')
              })
            }
          >
            {t('help.copyDiagnostics')}
          </button>
        </div>
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        {error && (
          <p role="alert" className="form-error">
            {t('help.failed', { reason: error })}
          </p>
        )}
        {diagnostics && (
          <>
            <h3 id={`${previewId}-preview`}>{t('help.diagnosticsPreview')}</h3>
            {/* Focusable so keyboard users can scroll it; labelled by its heading for screen readers. */}
            <pre className="help-diagnostics" tabIndex={0} aria-labelledby={`${previewId}-preview`}>
              {diagnostics}
            </pre>
          </>
        )}
      </section>
    </div>
  )
}
