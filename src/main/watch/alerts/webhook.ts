/**
 * The webhook channel: each cycle's events are ONE POST to every URL, through one delivery queue per URL (so a
 * dead endpoint delays only itself). A lone event is its own JSON object; several are a `summary` object whose
 * `message` is the summary and whose `events` holds each event's object, so 500 phones dropping at once is one
 * request, not a storm, and a receiver still reads every event with the same fields. The same post carries the
 * same id to every URL and on every retry, in the body (`id`) and in the `Idempotency-Key` header, so a receiver
 * that saw an attempt whose answer was lost can tell the retry is not a new alert.
 *
 * Webhooks are sent during quiet hours: they feed other systems (a pager, a chat bot, a ticket), which keep their
 * own schedules; quiet hours are about this computer and the user's phone not making noise. A pause holds them too.
 */
import type { Dispatcher } from 'undici'
import type { WatchEvent, AlertTestResult } from '../../../shared/watch'
import type { Logger } from '../../log'
import { createDeliveryQueue, type DeliveryQueue, type DeliveryTuning } from './delivery-queue'
import { isRetryableStatus, outcomeReason, postJson } from './http-post'
import { batchText, eventSentence, testSentence, type AlertLanguage } from './messages'

/** The JSON object a webhook receives, one per post. Names are stable: receivers parse them. */
export interface WebhookPayload {
  /** The event's id (the history's when stored, else one made for this delivery); a summary's own. Same on every retry. */
  id: string
  event: WatchEvent['kind'] | 'test' | 'summary'
  connection_id: string | null
  connection_name: string | null
  /** ISO 8601, UTC. */
  at: string
  /** A human sentence in the app's language. */
  message: string
  data: Record<string, string | number | boolean>
  /** A summary's events, each as it would be posted alone (absent on a lone event). */
  events?: WebhookPayload[]
}

export function webhookPayload(event: WatchEvent, id: string, lang: AlertLanguage): WebhookPayload {
  return {
    id,
    event: event.kind,
    connection_id: event.connectionId ?? null,
    connection_name: event.connectionName ?? null,
    at: new Date(event.at).toISOString(),
    message: eventSentence(event, lang),
    data: { ...event.data },
  }
}

/** One cycle's post: the lone event's object, or a summary holding every event's (`ids` are the events'). */
export function webhookBatchPayload(events: readonly WatchEvent[], ids: readonly string[], lang: AlertLanguage): WebhookPayload {
  const each = events.map((e, i) => webhookPayload(e, ids[i]!, lang))
  if (each.length === 1) return each[0]!
  return {
    id: `summary-${ids[0]}-${ids.length}`,
    event: 'summary',
    connection_id: null,
    connection_name: null,
    at: new Date(Math.max(...events.map((e) => e.at))).toISOString(),
    message: batchText(events, lang).replace(/\n/g, '; '),
    data: { count: each.length },
    events: each,
  }
}

/** A webhook URL as logs name it: the origin only, since a path or query often holds the receiver's secret. */
export function webhookLogName(url: string): string {
  try {
    return `webhook ${new URL(url).origin}`
  } catch {
    return 'webhook (invalid URL)'
  }
}

/**
 * Posts in flight per URL at once (the keep-alive pool holds as many connections per origin), for cycles whose
 * posts queue up behind a slow receiver. Receivers order by `at`, not by arrival.
 */
export const WEBHOOK_CONCURRENCY = 4

interface WebhookDeps {
  dispatcher: Dispatcher
  tuning: DeliveryTuning
  log: Logger
  now: () => number
}

export interface WebhookChannel {
  enqueue(urls: readonly string[], payloads: readonly WebhookPayload[]): void
  test(urls: readonly string[], lang: AlertLanguage): Promise<AlertTestResult[]>
  idle(): Promise<void>
  close(waitMs: number): Promise<void>
}

export function createWebhookChannel(deps: WebhookDeps): WebhookChannel {
  const queues = new Map<string, DeliveryQueue<WebhookPayload>>()

  function post(url: string, payload: WebhookPayload, signal?: AbortSignal) {
    return postJson(url, payload, {
      headers: { 'idempotency-key': payload.id, 'x-iproxy-event-id': payload.id, 'x-iproxy-event': payload.event },
      timeoutMs: deps.tuning.timeoutMs,
      dispatcher: deps.dispatcher,
      now: deps.now,
      ...(signal ? { signal } : {}),
    })
  }

  function queueFor(url: string): DeliveryQueue<WebhookPayload> {
    let queue = queues.get(url)
    if (!queue) {
      queue = createDeliveryQueue<WebhookPayload>({
        name: webhookLogName(url),
        concurrency: WEBHOOK_CONCURRENCY,
        tuning: deps.tuning,
        log: deps.log,
        async attempt(payload, signal) {
          const outcome = await post(url, payload, signal)
          const reason = outcomeReason(outcome)
          if (reason === undefined) return { ok: true }
          // A refusal (404, 400, 410) will not change by repeating it; an overloaded or absent server may.
          const retry = outcome.kind === 'answer' ? isRetryableStatus(outcome.status) : true
          return outcome.kind === 'answer' && outcome.retryAfterMs !== undefined
            ? { ok: false, retry, reason, retryAfterMs: outcome.retryAfterMs }
            : { ok: false, retry, reason }
        },
      })
      queues.set(url, queue)
    }
    return queue
  }

  return {
    enqueue(urls, payloads) {
      for (const url of urls) queueFor(url).push(payloads)
    },
    async test(urls, lang) {
      if (urls.length === 0) return [{ channel: 'webhook', ok: false, target: 'webhook', reason: 'not_configured' }]
      const at = deps.now()
      return Promise.all(
        urls.map(async (url): Promise<AlertTestResult> => {
          const payload: WebhookPayload = {
            id: `test-${at}-${Math.random().toString(36).slice(2, 10)}`,
            event: 'test',
            connection_id: null,
            connection_name: null,
            at: new Date(at).toISOString(),
            message: testSentence(lang),
            data: {},
          }
          const outcome = await post(url, payload)
          const reason = outcomeReason(outcome)
          return reason === undefined ? { channel: 'webhook', ok: true, target: url } : { channel: 'webhook', ok: false, target: url, reason }
        }),
      )
    },
    idle: async () => {
      await Promise.all([...queues.values()].map((q) => q.idle()))
    },
    close: async (waitMs) => {
      await Promise.all([...queues.values()].map((q) => q.close(waitMs)))
    },
  }
}
