import type { Catalogue } from './en'
import { connectionsRu } from './features/connections.ru'
import { connectionDetailRu } from './features/connectionDetail.ru'
import { proxiesRu } from './features/proxies.ru'
import { vpnRu } from './features/vpn.ru'
import { statsRu } from './features/stats.ru'
import { actionLinksRu } from './features/actionLinks.ru'
import { healthRu } from './features/health.ru'
import { exportsRu } from './features/exports.ru'
import { proxyAccessRu } from './features/proxyAccess.ru'
import { helpRu } from './features/help.ru'
import { shellRu } from './features/shell.ru'
import { errorsRu } from './features/errors.ru'
import { timeRu } from './features/time.ru'
import { historyRu } from './features/history.ru'
import { relaysRu } from './features/relays.ru'
import { activityRu } from './features/activity.ru'
import { alertsRu } from './features/alerts.ru'
import { bulkRu } from './features/bulk.ru'
import { rulesRu } from './features/rules.ru'
import { auditRu } from './features/audit.ru'

export const ru: Catalogue = {
  app: {
    name: 'iProxy Desktop',
    demoBadge: 'Демо',
    retry: 'Повторить',
    cancel: 'Отмена',
    save: 'Сохранить',
    saving: 'Сохранение…',
    close: 'Закрыть',
    loading: 'Загрузка…',
    settings: 'Настройки',
    language: 'Язык',
    nothingYet: 'В разделе «{{section}}» пока ничего нет.',
    couldNotRefresh: 'Не удалось обновить: {{reason}}',
    renderFailedTitle: 'Не удалось показать этот экран',
    copy: 'Копировать',
    copyLabel: 'Копировать {{what}}',
    copied: 'Скопировано.',
    tryAgain: 'Попробовать снова',
  },
  sections: {
    label: 'Разделы',
    connections: 'Подключения',
    proxies: 'Прокси',
    vpn: 'VPN',
    stats: 'Статистика',
    actionLinks: 'Ссылки-действия',
    health: 'Проверки',
    history: 'История',
    relays: 'Ретрансляторы',
    activity: 'Активность',
    alerts: 'Оповещения',
    rules: 'Правила',
    exports: 'Экспорт',
    account: 'Аккаунт',
    profiles: 'Профили',
    help: 'Справка',
  },
  firstRun: {
    title: 'Добро пожаловать в iProxy Desktop',
    intro: 'Добавьте API-ключ вашего аккаунта iProxy, чтобы видеть подключения и прокси и управлять ими. Ключ хранится в системной связке ключей, а не в файле.',
    whereIsKey: 'Где найти API-ключ?',
    tryDemo: 'Попробовать демо',
    demoHint: 'Демо запускает внутри приложения имитацию аккаунта iProxy: аккаунт и ключ не нужны.',
  },
  profiles: {
    title: 'Профили',
    switcher: 'Активный профиль',
    noneActive: 'Профиль не выбран',
    addTitle: 'Добавить аккаунт iProxy',
    name: 'Название профиля',
    apiKey: 'API-ключ',
    baseUrl: 'Адрес API',
    baseUrlHint: 'Не меняйте, если iProxy не сообщил другой адрес.',
    add: 'Добавить и проверить',
    adding: 'Проверяем ключ…',
    keyHint: 'Ключ {{hint}}',
    keyUnknown: 'Ключ не прочитан',
    active: 'Активен',
    activate: 'Выбрать',
    rename: 'Переименовать',
    renameTitle: 'Переименовать «{{name}}»',
    replaceKey: 'Заменить ключ',
    replaceKeyTitle: 'Новый API-ключ для «{{name}}»',
    replace: 'Проверить и заменить',
    remove: 'Удалить',
    removeTitle: 'Удалить «{{name}}»?',
    removeBody: 'Профиль и его API-ключ будут удалены с этого компьютера. Аккаунт iProxy и его подключения не изменятся.',
    demo: 'Демо',
    empty: 'Профилей пока нет.',
    orphans: {
      title: 'API-ключи без профиля в связке ключей: {{count}}',
      body: 'Ни один профиль этого приложения их не использует (их оставила прежняя версия или прерванное изменение). Это действующие ключи iProxy: удалите их, если только их не использует другая копия приложения или командная строка с другой папкой данных.',
      remove: 'Удалить эти ключи из связки ключей',
      removed: 'Ключей удалено из связки ключей: {{count}}.',
    },
    rules: {
      nameRequired: 'введите название',
      nameTooLong: 'не больше 100 символов',
      keyTooShort: 'это слишком коротко для API-ключа iProxy',
      keyTooLong: 'это слишком длинно для API-ключа iProxy',
      keySpaces: 'в API-ключе нет пробелов: скопируйте его заново',
      baseUrlFormat: 'введите адрес API полностью, начиная с https:// (или http:// для локального симулятора)',
      baseUrlTooLong: 'не больше 2048 символов',
      baseUrlNotAllowed: 'адрес API должен начинаться с https:// (http:// только для этого компьютера) и не содержать имени пользователя или пароля',
    },
  },
  account: {
    title: 'Аккаунт',
    username: 'Имя пользователя',
    email: 'Эл. почта',
    balance: 'Баланс',
    displayName: 'Отображаемое имя',
    telegram: 'Telegram',
    proxyPrefix: 'Префикс прокси',
    edit: 'Изменить',
    saved: 'Сохранено.',
    rotateKey: 'Сменить API-ключ',
    rotateTitle: 'Сменить API-ключ?',
    rotateBody: 'iProxy выпустит новый ключ, а текущий сразу перестанет работать — в этом приложении и во всех скриптах и программах, которые его используют. Новый ключ будет сохранён в связке ключей.',
    rotateConfirm: 'Сменить ключ',
    rotated: 'API-ключ сменён. Новый ключ: {{hint}}',
    noProfile: 'Добавьте API-ключ или запустите демо, чтобы увидеть аккаунт.',
  },
  connections: connectionsRu,
  connectionDetail: connectionDetailRu,
  proxies: proxiesRu,
  vpn: vpnRu,
  stats: statsRu,
  actionLinks: actionLinksRu,
  health: healthRu,
  exports: exportsRu,
  proxyAccess: proxyAccessRu,
  help: helpRu,
  shell: shellRu,
  errors: errorsRu,
  time: timeRu,
  history: historyRu,
  relays: relaysRu,
  activity: activityRu,
  alerts: alertsRu,
  bulk: bulkRu,
  rules: rulesRu,
  audit: auditRu,
}
