import { create } from 'zustand'

/** The sidebar's sections, one per domain of the bridge contract the user works with. Labels are i18n keys. */
export const SECTIONS = [
  'connections',
  'proxies',
  'vpn',
  'stats',
  'actionLinks',
  'health',
  'exports',
  'account',
  'profiles',
] as const

export type SectionId = (typeof SECTIONS)[number]

interface NavigationState {
  section: SectionId
  show(section: SectionId): void
}

export const useNavigation = create<NavigationState>((set) => ({
  section: 'connections',
  show: (section) => set({ section }),
}))
