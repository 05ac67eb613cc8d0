/**
 * The AlertSink (../types.ts): where a cycle's events go once stored. Each channel gets ONE message per batch
 * (a summary past one event; a webhook's summary also holds every event's object, see webhook.ts). `deliver`
 * only queues: the engine never waits for a channel.
 *
 *   messages.ts        events in words (en/ru): sentences and summaries
 *   desktop.ts         the desktop channel's model: events → notices
 *   quiet-hours.ts     the daily quiet window
 *   delivery-queue.ts  one ordered, bounded, retrying queue per target
 *   http-post.ts       one POST with undici and a timeout, as an outcome
 *   webhook.ts telegram.ts   the two network channels
 *
 * Rules across channels: a pause holds every channel, and what happens during it is not sent later (it is in the
 * history). Quiet hours: no desktop notices, Telegram messages sent silently, webhooks as usual (see webhook.ts).
 * "Send a test alert" ignores both: the user is asking for one now.
 */
import { randomUUID } from 'node:crypto'
import { Agent } from 'undici'
import type { AlertChannel, AlertTestResult, WatchEvent, WatchSettings } from '../../../shared/watch'
import type { Logger } from '../../log'
import type { AlertSink, DesktopNotice } from '../types'
import { DEFAULT_DELIVERY_TUNING, type DeliveryTuning } from './delivery-queue'
import { desktopNotices } from './desktop'
import { batchText, testSentence, type AlertLanguage } from './messages'
import { inQuietHours } from './quiet-hours'
import { createTelegramChannel } from './telegram'
import { createWebhookChannel, webhookBatchPayload } from './webhook'

export { desktopNotices } from './desktop'
export { batchText, eventSentence, summaryLines, type AlertLanguage } from './messages'
export { inQuietHours } from './quiet-hours'
export type { WebhookPayload } from './webhook'
export type { DeliveryTuning } from './delivery-queue'

export interface AlertSinkOptions {
  settings: () => Promise<WatchSettings>
  telegramToken: () => Promise<string | undefined>
  /** Shows a desktop notification (the app passes Electron's); absent on the command line. */
  notify?: (notice: DesktopNotice) => void
  language: () => AlertLanguage
  log: Logger
  /** Milliseconds since the epoch; quiet hours read it as local time. */
  now?: () => number
  /** Retry timings, timeouts and the queue bound (tests shorten them). */
  tuning?: Partial<DeliveryTuning>
}

/** An AlertSink with `idle()`: resolves once everything queued so far is delivered or given up (tests, the bench). */
export interface AlertSinkWithIdle extends AlertSink {
  idle(): Promise<void>
}

export function createAlertSink(options: AlertSinkOptions): AlertSinkWithIdle {
  const now = options.now ?? Date.now
  const log = options.log
  const tuning: DeliveryTuning = { ...DEFAULT_DELIVERY_TUNING, ...options.tuning }
  // One keep-alive pool for every alert target: posts queued behind a slow receiver reuse its connections.
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 4 })
  const webhooks = createWebhookChannel({ dispatcher, tuning, log, now })
  const telegram = createTelegramChannel({ token: options.telegramToken, dispatcher, tuning, log, now })
  let paused: number | undefined
  let disposed = false
  // Batches are routed one after another, so their messages keep the engine's order.
  let routing: Promise<void> = Promise.resolve()

  function pausedAt(at: number): boolean {
    if (paused !== undefined && at >= paused) paused = undefined
    return paused !== undefined
  }

  function showNotice(notice: DesktopNotice): void {
    try {
      options.notify?.(notice)
    } catch (err) {
      log('a desktop notification could not be shown', err)
    }
  }

  async function route(events: WatchEvent[], at: number): Promise<void> {
    const settings = await options.settings()
    const lang = options.language()
    const quiet = inQuietHours(settings.quietHours, at)
    if (settings.desktopNotifications && options.notify && !quiet) desktopNotices(events, lang).forEach(showNotice)
    if (settings.webhooks.length > 0) {
      // History ids when stored; otherwise one id per event, the same for every URL and every retry.
      const ids = events.map((e) => (e.id !== undefined ? String(e.id) : randomUUID()))
      webhooks.enqueue(settings.webhooks, [webhookBatchPayload(events, ids, lang)])
    }
    const { telegram: tg } = settings
    if (tg.enabled && tg.chatId !== '') {
      telegram.enqueue({ apiBaseUrl: tg.apiBaseUrl, chatId: tg.chatId, text: batchText(events, lang), silent: quiet })
    }
  }

  async function testChannel(channel: AlertChannel): Promise<AlertTestResult[]> {
    const settings = await options.settings()
    const lang = options.language()
    switch (channel) {
      case 'desktop':
        if (!options.notify) return [{ channel, ok: false, target: 'desktop', reason: 'not_configured', detail: 'no desktop here' }]
        showNotice({ title: 'iProxy Desktop', body: testSentence(lang) })
        return [{ channel, ok: true, target: 'desktop' }]
      case 'webhook':
        return webhooks.test(settings.webhooks, lang)
      case 'telegram':
        if (settings.telegram.chatId === '') return [{ channel, ok: false, target: 'telegram', reason: 'not_configured', detail: 'no chat ID' }]
        return [await telegram.test({ apiBaseUrl: settings.telegram.apiBaseUrl, chatId: settings.telegram.chatId, text: testSentence(lang) })]
    }
  }

  return {
    deliver(events) {
      if (disposed || events.length === 0) return
      const at = now()
      if (pausedAt(at)) {
        log(`alerts paused: ${events.length} event(s) recorded, not sent`)
        return
      }
      const batch = [...events]
      routing = routing.then(() => route(batch, at)).catch((err: unknown) => log('alerts could not be sent', err))
    },
    test: (channel) => testChannel(channel),
    pauseUntil(until) {
      paused = until
      log(until === undefined ? 'alerts resumed' : `alerts paused until ${new Date(until).toISOString()}`)
    },
    pausedUntil: () => (pausedAt(now()) ? paused : undefined),
    async idle() {
      await routing
      await Promise.all([webhooks.idle(), telegram.idle()])
    },
    async dispose() {
      if (disposed) return
      disposed = true
      await routing
      await Promise.all([webhooks.close(tuning.disposeWaitMs), telegram.close(tuning.disposeWaitMs)])
      await dispatcher.close().catch(() => {})
    },
  }
}
