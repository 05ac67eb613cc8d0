/**
 * Why a rule's step did not run, in the interface's language: the reasons the audit trail and the `rules.run`
 * event carry for steps no action answered for (the actions give their own, bulk/words.ts).
 */
import type { UiLanguage } from '../../shared/bridge'

export interface RuleWords {
  /** Skipped after a step proved the connection works (stop on success). */
  worksAgain: string
  /** The rule fell due while another action held the phone. */
  busy: string
  /** The watch stopped while the chain ran. */
  watchStopped: string
  /** An action broke its promise not to throw (the log has what it said). */
  stepBroke: string
}

export const RULE_WORDS: Record<UiLanguage, RuleWords> = {
  en: {
    worksAgain: 'Not needed: the connection works again.',
    busy: 'Not run: another action was running on the connection.',
    watchStopped: 'Cancelled: the fleet watch stopped.',
    stepBroke: 'The step could not be run (the log has the details).',
  },
  ru: {
    worksAgain: 'Не понадобилось: подключение снова работает.',
    busy: 'Не выполнено: на подключении шло другое действие.',
    watchStopped: 'Отменено: наблюдение за подключениями остановлено.',
    stepBroke: 'Шаг не удалось выполнить (подробности в журнале).',
  },
}
