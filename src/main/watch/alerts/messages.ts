/**
 * Watch events in words, in English and Russian: one sentence per event (a webhook's `message`, a lone desktop
 * notice, a lone Telegram message) and one summary per batch ("12 connections offline: Moscow-1, … and 2 more"),
 * so a burst of 500 phones going down is one message per channel, not 500.
 *
 * These words are main's (alerts leave the app: Telegram, webhooks, OS notifications), so they live here rather
 * than in the renderer's catalogues; the Russian terms are the glossary's (подключение, тариф, проверка,
 * внешний IP, смена IP, API-ключ, «в сети» / «не в сети» as the connections screen says).
 */
import { formatTried, parseTried, type RuleRun } from '../../../shared/rules'
import { WATCH_EVENT_KINDS, type WatchEvent, type WatchEventKind } from '../../../shared/watch'

export type AlertLanguage = 'en' | 'ru'

/** Names listed in a summary before "… and N more": enough to recognise, short enough for a notification. */
export const SUMMARY_NAMES = 10

const ruRules = new Intl.PluralRules('ru')
const enRules = new Intl.PluralRules('en')

/** Russian plural by CLDR rule: one (1, 21), few (2–4, 22–24), many (5–20, 25…). */
function ru(n: number, one: string, few: string, many: string): string {
  const form = ruRules.select(n)
  return form === 'one' ? one : form === 'few' ? few : many
}
function en(n: number, one: string, other: string): string {
  return enRules.select(n) === 'one' ? one : other
}

/** "3 minutes" / "3 минуты": a span in the largest whole unit that fits (minutes under 2 h, hours under 2 days). */
export function duration(ms: number, lang: AlertLanguage): string {
  const minutes = Math.max(1, Math.round(ms / 60_000))
  if (minutes < 120) return lang === 'ru' ? `${minutes} ${ru(minutes, 'минуту', 'минуты', 'минут')}` : `${minutes} ${en(minutes, 'minute', 'minutes')}`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return lang === 'ru' ? `${hours} ${ru(hours, 'час', 'часа', 'часов')}` : `${hours} ${en(hours, 'hour', 'hours')}`
  const days = Math.round(hours / 24)
  return lang === 'ru' ? `${days} ${ru(days, 'день', 'дня', 'дней')}` : `${days} ${en(days, 'day', 'days')}`
}

/** What a connection is called in a message: its name, else its id. */
export function connectionLabel(event: WatchEvent): string {
  return event.connectionName?.trim() || event.connectionId || '?'
}

function num(event: WatchEvent, key: string): number | undefined {
  const value = event.data?.[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
function str(event: WatchEvent, key: string): string | undefined {
  const value = event.data?.[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** A rule's steps (the runner's names: a command's own, `change_ip_verify`, `check`, `wait`, `alert`) in words. */
const STEP_WORDS: Record<string, { en: string; ru: string }> = {
  change_ip_verify: { en: 'change IP and verify', ru: 'смена IP с проверкой' },
  check: { en: 'check', ru: 'проверка' },
  wait: { en: 'wait', ru: 'ожидание' },
  alert: { en: 'alert', ru: 'оповещение' },
  reboot: { en: 'reboot', ru: 'перезагрузка' },
  changeip: { en: 'change IP', ru: 'смена IP' },
  refresh: { en: 'refresh', ru: 'обновление' },
  refresh_fingerprint: { en: 'refresh fingerprint', ru: 'обновление отпечатка' },
  fix_lte: { en: 'fix LTE', ru: 'починка LTE' },
  find_my_device: { en: 'find device', ru: 'поиск устройства' },
  debug_report: { en: 'debug report', ru: 'отчёт для отладки' },
  upgrade_app: { en: 'upgrade app', ru: 'обновление приложения' },
  speed_test: { en: 'speed test', ru: 'тест скорости' },
}
const OUTCOME_WORDS: Record<string, { en: string; ru: string }> = {
  ok: { en: 'done', ru: 'выполнено' },
  failed: { en: 'failed', ru: 'не удалось' },
  skipped: { en: 'skipped', ru: 'пропущено' },
  cancelled: { en: 'cancelled', ru: 'отменено' },
}

/**
 * A `rule_alert`'s `tried` ("change_ip_verify:failed, reboot:ok": shared/rules.ts formatTried) in words:
 * "change IP and verify (failed), reboot (done)". Names it does not know are shown as they are.
 */
export function triedWords(tried: string | undefined, lang: AlertLanguage): string {
  if (!tried) return ''
  return parseTried(tried)
    .map(({ step, outcome }) => {
      const stepText = STEP_WORDS[step]?.[lang] ?? step
      return outcome ? `${stepText} (${OUTCOME_WORDS[outcome]?.[lang] ?? outcome})` : stepText
    })
    .join(', ')
}

/** How a rule run ended, as `iproxy watch` prints it: the rule, the connection, the outcome, what it tried. */
export function ruleRunSentence(run: Pick<RuleRun, 'ruleName' | 'connectionId' | 'connectionName' | 'outcome' | 'steps'>, lang: AlertLanguage): string {
  const name = run.connectionName?.trim() || run.connectionId
  const tried = triedWords(formatTried(run.steps), lang)
  const outcome = {
    en: { running: 'is running', succeeded: 'succeeded', failed: 'failed', cancelled: 'was cancelled' },
    ru: { running: 'выполняется', succeeded: 'справилось', failed: 'не справилось', cancelled: 'отменено' },
  }[lang][run.outcome]
  if (lang === 'ru') return `Правило «${run.ruleName}», подключение ${name}: ${outcome}${tried ? ` — ${tried}` : ''}.`
  return `Rule "${run.ruleName}" on connection ${name} ${outcome}${tried ? `: ${tried}` : ''}.`
}

/** One event as one human sentence. */
export function eventSentence(event: WatchEvent, lang: AlertLanguage): string {
  const name = connectionLabel(event)
  const ruMode = lang === 'ru'
  switch (event.kind) {
    case 'connection_offline': {
      const since = num(event, 'offlineSince')
      const span = since !== undefined && event.at > since ? duration(event.at - since, lang) : undefined
      if (ruMode) return span ? `Подключение ${name} не в сети уже ${span}.` : `Подключение ${name} не в сети.`
      return span ? `Connection ${name} has been offline for ${span}.` : `Connection ${name} is offline.`
    }
    case 'connection_online':
      return ruMode ? `Подключение ${name} снова в сети.` : `Connection ${name} is back online.`
    case 'check_failed': {
      const n = num(event, 'failures')
      if (ruMode) return n ? `Проверка прокси подключения ${name} не прошла ${n} ${ru(n, 'раз', 'раза', 'раз')} подряд.` : `Проверка прокси подключения ${name} не прошла.`
      return n ? `The proxy check of connection ${name} failed ${n} ${en(n, 'time', 'times')} in a row.` : `The proxy check of connection ${name} failed.`
    }
    case 'ip_not_changed': {
      const ip = str(event, 'ip')
      if (ruMode) return `После смены IP подключения ${name} внешний IP остался прежним${ip ? ` (${ip})` : ''}.`
      return `Changing the IP of connection ${name} left the same exit IP${ip ? ` (${ip})` : ''}.`
    }
    case 'plan_expiring': {
      const endsAt = num(event, 'planEndsAt')
      const left = endsAt !== undefined && endsAt > event.at ? duration(endsAt - event.at, lang) : undefined
      if (ruMode) return left ? `Тариф подключения ${name} заканчивается через ${left}.` : `Тариф подключения ${name} скоро заканчивается.`
      return left ? `The plan of connection ${name} ends in ${left}.` : `The plan of connection ${name} ends soon.`
    }
    case 'ip_repeated': {
      const ip = str(event, 'ip')
      const after = num(event, 'returnedAfterMs')
      const span = after !== undefined && after > 0 ? duration(after, lang) : undefined
      if (ruMode) return `Подключение ${name} снова получило ${ip ? `внешний IP ${ip}` : 'прежний внешний IP'}${span ? `, в последний раз он был ${span} назад` : ''}.`
      return `Connection ${name} got ${ip ?? 'an earlier exit IP'} again${span ? `, last seen ${span} ago` : ''}.`
    }
    case 'rule_alert': {
      const rule = str(event, 'rule')
      const tried = triedWords(str(event, 'tried'), lang)
      if (ruMode) return `Правило${rule ? ` «${rule}»` : ''}, подключение ${name}: ${tried ? `испробовано — ${tried}` : 'требуется внимание'}.`
      return `Rule${rule ? ` "${rule}"` : ''} on connection ${name}: ${tried ? `tried ${tried}` : 'needs attention'}.`
    }
    case 'api_unreachable': {
      const reason = str(event, 'reason')
      if (reason === 'auth') return ruMode ? 'API iProxy не принимает API-ключ.' : 'The iProxy API refuses the API key.'
      if (ruMode) return `API iProxy недоступен${reason ? ` (${reason})` : ''}.`
      return `The iProxy API cannot be reached${reason ? ` (${reason})` : ''}.`
    }
    case 'api_recovered':
      return ruMode ? 'API iProxy снова доступен.' : 'The iProxy API is reachable again.'
    case 'rate_limited': {
      const wait = num(event, 'retryAfterMs')
      const s = wait === undefined ? undefined : Math.max(1, Math.ceil(wait / 1000))
      if (ruMode) return s ? `API iProxy просит подождать ${s} ${ru(s, 'секунду', 'секунды', 'секунд')}: слишком много запросов.` : 'API iProxy просит подождать: слишком много запросов.'
      return s ? `The iProxy API asked to wait ${s} ${en(s, 'second', 'seconds')}: too many requests.` : 'The iProxy API asked to wait: too many requests.'
    }
  }
}

/** Kinds about the fleet as a whole: no connection to list, their line is the latest event's sentence. */
const FLEET_KINDS: ReadonlySet<WatchEventKind> = new Set(['api_unreachable', 'api_recovered', 'rate_limited'])

/** "12 connections offline" / "12 подключений не в сети": a kind's headline for `n` connections. */
export function kindHeadline(kind: WatchEventKind, n: number, lang: AlertLanguage): string {
  const ruConnections = `${n} ${ru(n, 'подключение', 'подключения', 'подключений')}`
  const ruOfConnections = `${n} ${ru(n, 'подключения', 'подключений', 'подключений')}`
  const enConnections = `${n} ${en(n, 'connection', 'connections')}`
  switch (kind) {
    case 'connection_offline':
      return lang === 'ru' ? `${ruConnections} не в сети` : `${enConnections} offline`
    case 'connection_online':
      return lang === 'ru' ? `${ruConnections} снова в сети` : `${enConnections} back online`
    case 'check_failed':
      return lang === 'ru' ? `Проверка прокси не прошла у ${ruOfConnections}` : `Proxy checks failing on ${enConnections}`
    case 'ip_not_changed':
      return lang === 'ru' ? `Внешний IP не сменился у ${ruOfConnections}` : `Exit IP not changed on ${enConnections}`
    case 'plan_expiring':
      return lang === 'ru' ? `Тариф скоро заканчивается у ${ruOfConnections}` : `Plan ending soon on ${enConnections}`
    case 'ip_repeated':
      return lang === 'ru' ? `Внешний IP повторился у ${ruOfConnections}` : `Exit IP repeated on ${enConnections}`
    case 'rule_alert':
      return lang === 'ru' ? `Оповещения правил у ${ruOfConnections}` : `Rule alerts on ${enConnections}`
    default:
      return lang === 'ru' ? `${n} ${ru(n, 'событие', 'события', 'событий')}` : `${n} ${en(n, 'event', 'events')}`
  }
}

/** "Moscow-1, Moscow-2, … and 2 more": the first names, then how many were left out. */
export function nameList(names: readonly string[], lang: AlertLanguage, max: number = SUMMARY_NAMES): string {
  const shown = names.slice(0, max).join(', ')
  const rest = names.length - max
  if (rest <= 0) return shown
  return lang === 'ru' ? `${shown}, … и ещё ${rest}` : `${shown}, … and ${rest} more`
}

/** One line of a batch's summary: a kind, its headline, and (for per-connection kinds) who. */
export interface SummaryLine {
  kind: WatchEventKind
  headline: string
  names?: string
}

/** A batch as one line per kind, in the kinds' fixed order (offline first: what someone must act on). */
export function summaryLines(events: readonly WatchEvent[], lang: AlertLanguage): SummaryLine[] {
  const lines: SummaryLine[] = []
  for (const kind of WATCH_EVENT_KINDS) {
    const ofKind = events.filter((e) => e.kind === kind)
    if (ofKind.length === 0) continue
    if (FLEET_KINDS.has(kind)) {
      lines.push({ kind, headline: eventSentence(ofKind[ofKind.length - 1]!, lang).replace(/\.$/, '') })
      continue
    }
    const names = [...new Set(ofKind.map(connectionLabel))]
    lines.push({ kind, headline: kindHeadline(kind, names.length, lang), names: nameList(names, lang) })
  }
  return lines
}

/** A summary line as text: "12 connections offline: Moscow-1, …". */
export function lineText(line: SummaryLine): string {
  return line.names ? `${line.headline}: ${line.names}` : line.headline
}

/** A whole batch as one message (Telegram): the sentence when it is one event, one line per kind otherwise. */
export function batchText(events: readonly WatchEvent[], lang: AlertLanguage): string {
  if (events.length === 1) return eventSentence(events[0]!, lang)
  return summaryLines(events, lang).map(lineText).join('\n')
}

/** What a channel's "send a test alert" says. */
export function testSentence(lang: AlertLanguage): string {
  return lang === 'ru'
    ? 'Тестовое оповещение iProxy Desktop: оповещения приходят сюда.'
    : 'Test alert from iProxy Desktop: alerts arrive here.'
}

/** The title of a lone event's desktop notice. */
export function kindTitle(kind: WatchEventKind, lang: AlertLanguage): string {
  const ruTitles: Record<WatchEventKind, string> = {
    connection_offline: 'Подключение не в сети',
    connection_online: 'Подключение снова в сети',
    check_failed: 'Проверка прокси не прошла',
    ip_not_changed: 'Внешний IP не сменился',
    plan_expiring: 'Тариф скоро заканчивается',
    api_unreachable: 'API iProxy недоступен',
    api_recovered: 'API iProxy снова доступен',
    rate_limited: 'Слишком много запросов к API iProxy',
    ip_repeated: 'Внешний IP повторился',
    rule_alert: 'Оповещение правила',
  }
  const enTitles: Record<WatchEventKind, string> = {
    connection_offline: 'Connection offline',
    connection_online: 'Connection back online',
    check_failed: 'Proxy check failed',
    ip_not_changed: 'Exit IP not changed',
    plan_expiring: 'Plan ending soon',
    api_unreachable: 'iProxy API unreachable',
    api_recovered: 'iProxy API reachable again',
    rate_limited: 'Too many requests to the iProxy API',
    ip_repeated: 'Exit IP repeated',
    rule_alert: 'Rule alert',
  }
  return (lang === 'ru' ? ruTitles : enTitles)[kind]
}

/** The title of a summary notice that mixes kinds: "15 watch alerts". */
export function batchTitle(count: number, lang: AlertLanguage): string {
  return lang === 'ru'
    ? `iProxy: ${count} ${ru(count, 'оповещение', 'оповещения', 'оповещений')}`
    : `iProxy: ${count} ${en(count, 'alert', 'alerts')}`
}
