import { create } from 'zustand'

/** The sidebar's sections, one per domain of the bridge contract the user works with. */
export const SECTIONS = [
  { id: 'connections', label: 'Connections' },
  { id: 'proxies', label: 'Proxies' },
  { id: 'vpn', label: 'VPN' },
  { id: 'stats', label: 'Statistics' },
  { id: 'actionLinks', label: 'Action links' },
  { id: 'health', label: 'Health checks' },
  { id: 'exports', label: 'Exports' },
  { id: 'account', label: 'Account' },
  { id: 'profiles', label: 'Profiles' },
] as const

export type SectionId = (typeof SECTIONS)[number]['id']

interface NavigationState {
  section: SectionId
  show(section: SectionId): void
}

export const useNavigation = create<NavigationState>((set) => ({
  section: 'connections',
  show: (section) => set({ section }),
}))
