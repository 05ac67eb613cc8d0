/**
 * The Telegram channel: one message per batch to one chat through the Bot API's sendMessage
 * (`{base}/bot{token}/sendMessage`), queued and retried like a webhook. During quiet hours a message is sent
 * silently (`disable_notification`): it is there in the morning, and nobody's phone rang for it.
 *
 * The bot token is in the URL's path, so the URL is never logged, never put in an error or a result; anything the
 * Bot API says back is scrubbed of the token before it is kept (`maskBotToken`).
 */
import type { Dispatcher } from 'undici'
import type { AlertTestResult } from '../../../shared/watch'
import type { Logger } from '../../log'
import { createDeliveryQueue, type AttemptOutcome, type DeliveryTuning } from './delivery-queue'
import { isRetryableStatus, postJson, type PostOutcome } from './http-post'

/** Telegram refuses messages past 4096 characters; a summary is cut well before. */
const MAX_TEXT = 4000

export interface TelegramMessage {
  apiBaseUrl: string
  chatId: string
  text: string
  silent: boolean
}

/** Replaces the token, and anything shaped like a bot token (`123456:AA…`), with `***`. */
export function maskBotToken(text: string, token: string | undefined): string {
  const plain = token ? text.split(token).join('***') : text
  return plain.replace(/\b\d{5,}:[A-Za-z0-9_-]{20,}\b/g, '***')
}

function sendMessageUrl(apiBaseUrl: string, token: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/bot${token}/sendMessage`
}

/** What the Bot API answered, as an attempt's outcome; `detail` is its `description`, scrubbed. */
function judge(outcome: PostOutcome, token: string): AttemptOutcome & { detail?: string } {
  if (outcome.kind === 'timeout') return { ok: false, retry: true, reason: 'timeout' }
  if (outcome.kind !== 'answer') return { ok: false, retry: true, reason: 'unreachable' }
  let body: { ok?: unknown; description?: unknown; parameters?: { retry_after?: unknown } } = {}
  try {
    body = JSON.parse(outcome.text) as typeof body
  } catch {
    // Not the Bot API's JSON (a proxy's error page): judged by the status alone.
  }
  if (outcome.status >= 200 && outcome.status < 300 && body.ok !== false) return { ok: true }
  const detail = typeof body.description === 'string' ? maskBotToken(body.description, token).slice(0, 300) : `HTTP ${outcome.status}`
  const retryAfterS = typeof body.parameters?.retry_after === 'number' ? body.parameters.retry_after : undefined
  const retryAfterMs = retryAfterS !== undefined ? retryAfterS * 1000 : outcome.retryAfterMs
  const retry = isRetryableStatus(outcome.status)
  return retryAfterMs === undefined
    ? { ok: false, retry, reason: 'telegram_error', detail }
    : { ok: false, retry, reason: 'telegram_error', detail, retryAfterMs }
}

interface TelegramDeps {
  token: () => Promise<string | undefined>
  dispatcher: Dispatcher
  tuning: DeliveryTuning
  log: Logger
  now: () => number
}

export interface TelegramChannel {
  enqueue(message: TelegramMessage): void
  test(message: Omit<TelegramMessage, 'silent'>): Promise<AlertTestResult>
  idle(): Promise<void>
  close(waitMs: number): Promise<void>
}

export function createTelegramChannel(deps: TelegramDeps): TelegramChannel {
  async function send(message: TelegramMessage, signal?: AbortSignal): Promise<AttemptOutcome & { detail?: string }> {
    let token: string | undefined
    try {
      token = await deps.token()
    } catch (err) {
      // The keychain's own words (locked, not installed) hold no token.
      deps.log('Telegram: the bot token could not be read from the keychain', err)
      return { ok: false, retry: false, reason: 'not_configured', detail: 'the keychain could not be read' }
    }
    if (!token) return { ok: false, retry: false, reason: 'not_configured', detail: 'no bot token' }
    const body = {
      chat_id: message.chatId,
      text: message.text.length > MAX_TEXT ? `${message.text.slice(0, MAX_TEXT - 1)}…` : message.text,
      disable_notification: message.silent,
      link_preview_options: { is_disabled: true },
    }
    const outcome = await postJson(sendMessageUrl(message.apiBaseUrl, token), body, {
      timeoutMs: deps.tuning.timeoutMs,
      dispatcher: deps.dispatcher,
      now: deps.now,
      ...(signal ? { signal } : {}),
    })
    return judge(outcome, token)
  }

  const queue = createDeliveryQueue<TelegramMessage>({
    name: 'Telegram',
    tuning: deps.tuning,
    log: deps.log,
    async attempt(message, signal) {
      const outcome = await send(message, signal)
      // The Bot API's description ("chat not found") is what the user needs to fix it; the log keeps it.
      if (!outcome.ok && outcome.detail) deps.log(`Telegram answered: ${outcome.detail}`)
      return outcome
    },
  })

  return {
    enqueue: (message) => queue.push([message]),
    async test(message) {
      const outcome = await send({ ...message, silent: false })
      if (outcome.ok) return { channel: 'telegram', ok: true, target: 'telegram' }
      return {
        channel: 'telegram',
        ok: false,
        target: 'telegram',
        reason: outcome.reason,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
      }
    },
    idle: () => queue.idle(),
    close: (waitMs) => queue.close(waitMs),
  }
}
