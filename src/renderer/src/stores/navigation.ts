import { create } from 'zustand'

/** The sidebar's sections, one per domain of the bridge contract the user works with. Labels are i18n keys. */
export const SECTIONS = [
  'connections',
  'proxies',
  'vpn',
  'stats',
  'actionLinks',
  'health',
  'history',
  'relays',
  'activity',
  'alerts',
  'rules',
  'exports',
  'account',
  'profiles',
  'help',
] as const

export type SectionId = (typeof SECTIONS)[number]

/** The tabs of a connection's detail view. */
export const DETAIL_TABS = ['overview', 'settings', 'proxies', 'vpn', 'stats', 'history', 'actionLinks', 'sms', 'team'] as const
export type DetailTab = (typeof DETAIL_TABS)[number]

interface NavigationState {
  section: SectionId
  /** The connection whose detail is open (within the Connections section), and its tab. */
  detail?: { connId: string; tab: DetailTab }
  show(section: SectionId): void
  openConnection(connId: string, tab?: DetailTab): void
  showTab(tab: DetailTab): void
  closeConnection(): void
}

export const useNavigation = create<NavigationState>((set, get) => ({
  section: 'connections',
  show: (section) => set({ section, detail: undefined }),
  openConnection: (connId, tab = 'overview') => set({ section: 'connections', detail: { connId, tab } }),
  showTab: (tab) => {
    const detail = get().detail
    if (detail) set({ detail: { ...detail, tab } })
  },
  closeConnection: () => set({ detail: undefined }),
}))
