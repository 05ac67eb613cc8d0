/**
 * The words main shows itself for the fleet watch (the tray's tooltip and menu, the notice about closing the
 * window), in the interface's language: the renderer says which through `app.setLanguage`. Everything on the page
 * is translated in the renderer; the alert messages are the alert channels' own.
 */
import type { UiLanguage } from '../../shared/bridge'

export interface DesktopText {
  appName: string
  notWatching: string
  checking: string
  allOnline(total: number): string
  someOffline(offline: number, total: number): string
  apiUnreachable: string
  /** The menu's first line: what the last cycle counted. */
  counts(online: number, offline: number): string
  pausedUntil(time: string): string
  open: string
  checkNow: string
  pause: string
  resume: string
  quit: string
  /** Said once, the first time the window is closed while watching goes on. */
  keptInTray: { title: string; body: string }
}

/** Russian plural forms: 1 телефон, 2 телефона, 5 телефонов (11–14 take the last). */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10
  const mod100 = n % 100
  if (mod10 === 1 && mod100 !== 11) return one
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few
  return many
}

const enConnections = (n: number) => `${n} connection${n === 1 ? '' : 's'}`
const ruConnections = (n: number) => `${n} ${ruPlural(n, 'подключение', 'подключения', 'подключений')}`

export const DESKTOP_TEXT: Record<UiLanguage, DesktopText> = {
  en: {
    appName: 'iProxy Desktop',
    notWatching: 'Not watching the connections',
    checking: 'Checking the connections…',
    allOnline: (total) => (total === 0 ? 'No connections to watch' : `All ${enConnections(total)} online`),
    someOffline: (offline, total) => `${offline} of ${enConnections(total)} offline`,
    apiUnreachable: 'The iProxy API cannot be reached',
    counts: (online, offline) => `Online: ${online} · Offline: ${offline}`,
    pausedUntil: (time) => `Alerts paused until ${time}`,
    open: 'Open iProxy Desktop',
    checkNow: 'Check all now',
    pause: 'Pause alerts for 1 hour',
    resume: 'Resume alerts',
    quit: 'Quit',
    keptInTray: {
      title: 'iProxy Desktop keeps watching',
      body: 'The window is closed, but your connections are still watched from the tray. Choose Quit in the tray menu to stop.',
    },
  },
  ru: {
    appName: 'iProxy Desktop',
    notWatching: 'Подключения не отслеживаются',
    checking: 'Проверка подключений…',
    allOnline: (total) => (total === 0 ? 'Нет подключений для отслеживания' : `Все ${ruConnections(total)} в сети`),
    someOffline: (offline, total) => `Не в сети: ${offline} из ${ruConnections(total)}`,
    apiUnreachable: 'API iProxy недоступен',
    counts: (online, offline) => `В сети: ${online} · Не в сети: ${offline}`,
    pausedUntil: (time) => `Оповещения приостановлены до ${time}`,
    open: 'Открыть iProxy Desktop',
    checkNow: 'Проверить все сейчас',
    pause: 'Приостановить оповещения на 1 час',
    resume: 'Снова включить оповещения',
    quit: 'Выйти',
    keptInTray: {
      title: 'iProxy Desktop продолжает отслеживание',
      body: 'Окно закрыто, но подключения по-прежнему отслеживаются из трея. Чтобы остановить, выберите «Выйти» в меню трея.',
    },
  },
}
