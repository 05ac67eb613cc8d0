/**
 * The words main shows itself in the native save, open and folder dialogs, in the interface's language (the
 * renderer says which through `app.setLanguage`; everything else on screen is translated in the renderer).
 */
import type { UiLanguage } from '../../shared/bridge'

export interface DialogText {
  saveProxies: string
  saveOvpn: string
  /** The connections list and a connection's IP history as CSV (table-files.ts). */
  saveConnections: string
  saveIpHistory: string
  ovpnFolder: string
  ovpnZip: string
  /** The Health screen's "Open a file…" for a list of proxies to check. */
  openProxyList: string
  /** The file-type names in the dialogs' type filters. */
  filters: { text: string; csv: string; json: string; ovpn: string; zip: string; proxyList: string; all: string }
}

export const DIALOG_TEXT: Record<UiLanguage, DialogText> = {
  en: {
    saveProxies: 'Save proxies',
    saveOvpn: 'Save OpenVPN config',
    saveConnections: 'Save connections as CSV',
    saveIpHistory: 'Save IP history as CSV',
    ovpnFolder: 'Choose a folder for the OpenVPN configs',
    ovpnZip: 'Save OpenVPN configs as a zip',
    openProxyList: 'Open a list of proxies to check',
    filters: { text: 'Text', csv: 'CSV', json: 'JSON', ovpn: 'OpenVPN config', zip: 'Zip archive', proxyList: 'Proxy lists', all: 'All files' },
  },
  ru: {
    saveProxies: 'Сохранить прокси',
    saveOvpn: 'Сохранить конфигурацию OpenVPN',
    saveConnections: 'Сохранить подключения в CSV',
    saveIpHistory: 'Сохранить историю IP в CSV',
    ovpnFolder: 'Выберите папку для конфигураций OpenVPN',
    ovpnZip: 'Сохранить конфигурации OpenVPN в zip-архив',
    openProxyList: 'Открыть список прокси для проверки',
    filters: { text: 'Текст', csv: 'CSV', json: 'JSON', ovpn: 'Конфигурация OpenVPN', zip: 'Zip-архив', proxyList: 'Списки прокси', all: 'Все файлы' },
  },
}
