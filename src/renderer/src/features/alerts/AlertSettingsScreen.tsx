import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { MIN_INTERVAL_SECONDS, watchSettingsSchema, type WatchSettings } from '../../../../shared/watch'
import { useWatch } from '../../stores/watch'
import { FormError } from '../../ui/FormError'
import { serverErrors, validateBody } from '../../ui/form-errors'
import { TextField } from '../../ui/TextField'
import { PauseAlerts } from './PauseAlerts'
import { ALERT_FIELDS, draftOf, settingsOf, type AlertDraft } from './alert-draft'
import { TelegramToken } from './TelegramToken'
import { TestAlert } from './TestAlert'
import { WebhookList } from './WebhookList'
import './alerts.css'

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="choice">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="fieldset alerts-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  )
}

/**
 * The Alerts section: how the fleet watch watches (interval, offline-after, failed checks, plan warnings, scheduled
 * checks), where its alerts go (desktop, webhooks, Telegram), quiet hours, the pause, and the desktop app's own
 * settings (keep watching when closed, start at login). One Save for the form; the bot token has its own button,
 * and each channel a "Send a test alert" that saves first, so the test goes where the screen says.
 */
export function AlertSettingsScreen() {
  const { t } = useTranslation()
  const { view, loadError, load, save } = useWatch(useShallow((s) => ({ view: s.settings, loadError: s.settingsError, load: s.loadSettings, save: s.saveSettings })))
  const [draft, setDraft] = useState<AlertDraft>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  /** After a refused save: the first field at fault gets the focus, so a long form never hides what is wrong. */
  const focusFirstError = () => requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
  useEffect(() => {
    void load()
  }, [load])
  const settings = view?.settings
  const shown = draft ?? (settings ? draftOf(settings) : undefined)
  if (!settings || !shown) return loadError ? <FormError message={loadError} /> : <p>{t('app.loading')}</p>
  const change = (patch: Partial<AlertDraft>) => {
    setDraft({ ...shown, ...patch })
    setSaved(false)
  }

  /** Saves the draft; false when the form or main refused it (the errors are on their fields then). */
  async function submit(base: WatchSettings, current: AlertDraft): Promise<boolean> {
    setSaved(false)
    setFormError(undefined)
    const body = settingsOf(current, base)
    const invalid = validateBody(watchSettingsSchema, body, ALERT_FIELDS)
    if (invalid) {
      setErrors(invalid.fields)
      setFormError(invalid.form)
      focusFirstError()
      return false
    }
    setBusy(true)
    try {
      await save(body as WatchSettings)
      setErrors({})
      setDraft(undefined)
      setSaved(true)
      return true
    } catch (err) {
      const mapped = serverErrors(err, ALERT_FIELDS)
      setErrors(mapped.fields)
      setFormError(mapped.form)
      focusFirstError()
      return false
    } finally {
      setBusy(false)
    }
  }
  const saveFirst = () => submit(settings, shown)
  const number = (key: keyof AlertDraft & keyof typeof errors, label: string, min: number, max: number, hint?: string) => (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={shown[key] as string}
      error={errors[key]}
      {...(hint ? { hint } : {})}
      onChange={(e) => change({ [key]: e.target.value })}
    />
  )

  return (
    <form
      ref={formRef}
      className="alerts-screen"
      aria-label={t('sections.alerts')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void saveFirst()
      }}
    >
      <p className="field-hint">{t('alerts.intro')}</p>
      <PauseAlerts />
      <Section title={t('alerts.watching.title')}>
        <Check label={t('alerts.watching.enabled')} checked={shown.enabled} onChange={(enabled) => change({ enabled })} />
        <div className="alerts-grid">
          {number('intervalSeconds', t('alerts.watching.interval'), MIN_INTERVAL_SECONDS, 3600, t('alerts.watching.intervalHint', { min: MIN_INTERVAL_SECONDS }))}
          {number('offlineAfterSeconds', t('alerts.watching.offlineAfter'), 0, 86_400, t('alerts.watching.offlineAfterHint'))}
          {number('checkFailuresInRow', t('alerts.watching.checkFailures'), 1, 100)}
          {number('planExpiringHours', t('alerts.watching.planHours'), 1, 24 * 60)}
        </div>
      </Section>
      <Section title={t('alerts.scheduled.title')}>
        <Check label={t('alerts.scheduled.enabled')} checked={shown.scheduledEnabled} onChange={(scheduledEnabled) => change({ scheduledEnabled })} />
        <div className="alerts-grid">
          <TextField
            label={t('alerts.scheduled.every')}
            type="number"
            inputMode="numeric"
            min={1}
            max={24 * 60}
            value={shown.scheduledEveryMinutes}
            error={errors['scheduledChecks.everyMinutes']}
            hint={t('alerts.scheduled.hint')}
            onChange={(e) => change({ scheduledEveryMinutes: e.target.value })}
          />
        </div>
      </Section>
      <Section title={t('alerts.desktop.title')}>
        <Check label={t('alerts.desktop.enabled')} checked={shown.desktopNotifications} onChange={(desktopNotifications) => change({ desktopNotifications })} />
        <Check label={t('alerts.desktop.keepWatching')} checked={shown.keepWatchingWhenClosed} onChange={(keepWatchingWhenClosed) => change({ keepWatchingWhenClosed })} />
        <Check label={t('alerts.desktop.startAtLogin')} checked={shown.startAtLogin} onChange={(startAtLogin) => change({ startAtLogin })} />
        <TestAlert channel="desktop" beforeTest={saveFirst} />
      </Section>
      <Section title={t('alerts.webhooks.title')}>
        <p className="field-hint">{t('alerts.webhooks.hint')}</p>
        <WebhookList urls={shown.webhooks} error={errors.webhooks} onChange={(webhooks) => change({ webhooks })} />
        <TestAlert channel="webhook" beforeTest={saveFirst} />
      </Section>
      <Section title={t('alerts.telegram.title')}>
        <Check label={t('alerts.telegram.enabled')} checked={shown.telegramEnabled} onChange={(telegramEnabled) => change({ telegramEnabled })} />
        <TelegramToken tokenSet={view.telegramTokenSet} />
        <div className="alerts-grid">
          <TextField label={t('alerts.telegram.chatId')} value={shown.telegramChatId} error={errors['telegram.chatId']} spellCheck={false} onChange={(e) => change({ telegramChatId: e.target.value })} />
          <TextField
            label={t('alerts.telegram.apiBaseUrl')}
            type="url"
            value={shown.telegramApiBaseUrl}
            error={errors['telegram.apiBaseUrl']}
            spellCheck={false}
            onChange={(e) => change({ telegramApiBaseUrl: e.target.value })}
          />
        </div>
        <TestAlert channel="telegram" beforeTest={saveFirst} />
      </Section>
      <Section title={t('alerts.quiet.title')}>
        <Check label={t('alerts.quiet.enabled')} checked={shown.quietEnabled} onChange={(quietEnabled) => change({ quietEnabled })} />
        <div className="alerts-grid">
          <TextField label={t('alerts.quiet.from')} type="time" value={shown.quietFrom} error={errors['quietHours.from']} onChange={(e) => change({ quietFrom: e.target.value })} />
          <TextField label={t('alerts.quiet.to')} type="time" value={shown.quietTo} error={errors['quietHours.to']} onChange={(e) => change({ quietTo: e.target.value })} />
        </div>
      </Section>
      <FormError message={formError} />
      {saved && (
        <p role="status" className="notice">
          {t('alerts.saved')}
        </p>
      )}
      <div className="alerts-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('app.saving') : t('alerts.save')}
        </button>
      </div>
    </form>
  )
}
