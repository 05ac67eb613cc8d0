/**
 * The reasons bulk runs and rule steps give in their own words, in the interface's language: why a connection was
 * skipped or its step failed when no API error says it. Each has a code too (BulkItem.code), for the page to word
 * it from its catalogue instead. API errors keep their own message and code (api-errors.ts).
 */
import type { UiLanguage } from '../../shared/bridge'

export interface BulkWords {
  noSuchConnection: string
  noProxy: string
  noActivePlan: string
  noVpn: string
  /** `held` configs would run programs when opened: they are saved only after the user reviews them. */
  scriptsHeldBack(held: number): string
  checkFailed(failed: number, total: number, first: string): string
  cancelled: string
}

export const BULK_REASON_CODES = {
  noSuchConnection: 'no_such_connection',
  noProxy: 'no_proxy',
  noActivePlan: 'no_active_plan',
  noVpn: 'no_vpn_access',
  scriptsHeldBack: 'ovpn_scripts_held_back',
  checkFailed: 'check_failed',
  cancelled: 'cancelled',
} as const

export const BULK_WORDS: Record<UiLanguage, BulkWords> = {
  en: {
    noSuchConnection: 'No such connection in this account.',
    noProxy: 'This connection has no proxy to check through. Create one first.',
    noActivePlan: 'This connection has no active plan to prolong.',
    noVpn: 'This connection has no VPN access.',
    scriptsHeldBack: (held) =>
      `${held} OpenVPN ${held === 1 ? 'config runs' : 'configs run'} programs when opened and ${held === 1 ? 'was' : 'were'} not saved: save ${held === 1 ? 'it' : 'them'} from the connection's VPN tab to review ${held === 1 ? 'it' : 'them'} first.`,
    checkFailed: (failed, total, first) => `${failed} of ${total} proxies failed the check: ${first}`,
    cancelled: 'Cancelled before it started.',
  },
  ru: {
    noSuchConnection: 'В этом аккаунте нет такого подключения.',
    noProxy: 'У этого подключения нет прокси, через который можно проверить. Сначала создайте прокси.',
    noActivePlan: 'У этого подключения нет действующего тарифа, который можно продлить.',
    noVpn: 'У этого подключения нет VPN-доступа.',
    scriptsHeldBack: (held) =>
      `Конфигурации OpenVPN (${held}) запускают программы при открытии и не сохранены: сохраните их на вкладке VPN подключения, чтобы сначала просмотреть.`,
    checkFailed: (failed, total, first) => `Не прошли проверку прокси: ${failed} из ${total}. ${first}`,
    cancelled: 'Отменено до начала.',
  },
}
