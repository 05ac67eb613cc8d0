import type { Catalogue } from '../en'

export const shellRu: Catalogue['shell'] = {
  recovered: 'Окно неожиданно остановилось и было перезагружено.',
  dismiss: 'Скрыть',
  theme: 'Тема',
  themes: { system: 'Как в системе', light: 'Светлая', dark: 'Тёмная' },
}
