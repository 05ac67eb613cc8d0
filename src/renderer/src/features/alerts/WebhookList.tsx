import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { watchSettingsSchema } from '../../../../shared/watch'
import { issueFacts } from '../../../../shared/issue-facts'
import { issueText } from '../../ui/issue-text'

const urlSchema = watchSettingsSchema.shape.webhooks.element

/** The webhook addresses: each with its Remove button, and a field to add one (checked as the settings check it). */
export function WebhookList({ urls, error, onChange }: { urls: string[]; error: string | undefined; onChange(urls: string[]): void }) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string>()
  const add = () => {
    const url = text.trim()
    const checked = urlSchema.safeParse(url)
    if (!checked.success) {
      setProblem(issueText(issueFacts(checked.error.issues[0]!)))
      return
    }
    setProblem(undefined)
    if (!urls.includes(url)) onChange([...urls, url])
    setText('')
  }
  const shown = problem ?? error
  return (
    <div className="alerts-webhooks">
      {urls.length === 0 ? (
        <p className="field-hint">{t('alerts.webhooks.none')}</p>
      ) : (
        <ul className="alerts-webhook-list" aria-label={t('alerts.webhooks.listLabel')}>
          {urls.map((url) => (
            <li key={url}>
              <span className="alerts-webhook-url">{url}</span>
              <button type="button" aria-label={t('alerts.webhooks.remove', { url })} onClick={() => onChange(urls.filter((u) => u !== url))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="alerts-inline">
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('alerts.webhooks.newUrl')}</label>
          <input
            id={`${id}-url`}
            type="url"
            value={text}
            placeholder="https://"
            spellCheck={false}
            aria-invalid={shown ? true : undefined}
            aria-describedby={shown ? `${id}-error` : undefined}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Enter adds the address rather than saving the whole form.
              if (e.key === 'Enter') {
                e.preventDefault()
                add()
              }
            }}
          />
        </div>
        <button type="button" onClick={add}>
          {t('alerts.webhooks.add')}
        </button>
      </div>
      {shown && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {shown}
        </small>
      )}
    </div>
  )
}
