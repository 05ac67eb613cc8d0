/**
 * The fleet watch on the page (main/watch, through `watch.*`): the fleet's status (fed by `watch.status`), the
 * events raised while the app runs (`watch.raised`), the stored events the Activity screen lists, the alert
 * settings and the test alerts' answers. A click on an alert's notification (`watch.openConnection`) opens the
 * connection it is about, or the Activity screen.
 */
import { create } from 'zustand'
import type { AlertChannel, AlertTestResult, WatchEvent, WatchEventKind, WatchSettingsUpdate, WatchSettingsView, WatchStatus } from '../../../shared/watch'
import { getApi } from '../bridge'
import { errorMessage } from '../ui/error-message'
import { useNavigation } from './navigation'
import { selectActiveProfile, useProfiles } from './profiles'

/** Events the Activity screen asks main for, newest first (the contract allows up to 5,000). */
export const ACTIVITY_LIMIT = 1000
/** Live events kept beside the stored ones: the newest, as many as a screen lists. */
const LIVE_MAX = ACTIVITY_LIMIT

export interface ActivityFilter {
  kind?: WatchEventKind
  connectionId?: string
}

interface WatchState {
  status?: WatchStatus
  /** Raised since the page loaded, newest first. */
  live: WatchEvent[]
  /** The stored events for `storedFor`, newest first. */
  stored?: { events: WatchEvent[]; truncated: boolean }
  storedFor?: string
  loadingEvents: boolean
  eventsError?: string
  settings?: WatchSettingsView
  settingsError?: string
  /** The last test alert's answers by channel, and the channels being tested now. */
  tests: Partial<Record<AlertChannel, AlertTestResult[] | { error: string }>>
  testing: Partial<Record<AlertChannel, true>>
  loadStatus(): Promise<void>
  loadEvents(filter: ActivityFilter): Promise<void>
  loadSettings(): Promise<void>
  /** Throws what main refused, for the form to place on its fields. */
  saveSettings(patch: WatchSettingsUpdate): Promise<void>
  setTelegramToken(token: string): Promise<void>
  testAlert(channel: AlertChannel): Promise<void>
  /** 0 resumes. */
  pause(minutes: number): Promise<void>
}

const filterKey = (filter: ActivityFilter): string => `${filter.kind ?? '*'}|${filter.connectionId ?? '*'}`

/** True when the event passes the filter (live events are filtered on the page, stored ones by main). */
export function matches(event: WatchEvent, filter: ActivityFilter): boolean {
  return (filter.kind === undefined || event.kind === filter.kind) && (filter.connectionId === undefined || event.connectionId === filter.connectionId)
}

/** Stored and live events as one list, newest first, each once (a live event is stored too once listed again). */
export function mergeEvents(live: readonly WatchEvent[], stored: readonly WatchEvent[], filter: ActivityFilter): WatchEvent[] {
  const storedIds = new Set(stored.map((e) => e.id).filter((id) => id !== undefined))
  const newest = stored[0]?.at ?? -Infinity
  const fresh = live.filter((e) => matches(e, filter) && (e.id === undefined ? e.at > newest : !storedIds.has(e.id)))
  return [...fresh, ...stored].sort((a, b) => b.at - a.at)
}

export const useWatch = create<WatchState>()((set, get) => ({
  live: [],
  loadingEvents: false,
  tests: {},
  testing: {},
  async loadStatus() {
    try {
      set({ status: await getApi().watch.status() })
    } catch {
      // The status line waits for the next `watch.status` event instead.
    }
  },
  async loadEvents(filter) {
    const key = filterKey(filter)
    set({ loadingEvents: true, eventsError: undefined })
    try {
      const stored = await getApi().watch.events({
        ...(filter.kind ? { kinds: [filter.kind] } : {}),
        ...(filter.connectionId ? { connectionId: filter.connectionId } : {}),
        limit: ACTIVITY_LIMIT,
      })
      set({ stored, storedFor: key, loadingEvents: false })
    } catch (err) {
      set({ loadingEvents: false, eventsError: errorMessage(err) })
    }
  },
  async loadSettings() {
    try {
      set({ settings: await getApi().watch.settings(), settingsError: undefined })
    } catch (err) {
      set({ settingsError: errorMessage(err) })
    }
  },
  async saveSettings(patch) {
    set({ settings: await getApi().watch.updateSettings(patch) })
  },
  async setTelegramToken(token) {
    set({ settings: await getApi().watch.setTelegramToken({ token }) })
  },
  async testAlert(channel) {
    set({ testing: { ...get().testing, [channel]: true } })
    let answer: AlertTestResult[] | { error: string }
    try {
      answer = await getApi().watch.testAlert({ channel })
    } catch (err) {
      answer = { error: errorMessage(err) }
    }
    const testing = { ...get().testing }
    delete testing[channel]
    set({ tests: { ...get().tests, [channel]: answer }, testing })
  },
  async pause(minutes) {
    set({ status: await getApi().watch.pauseAlerts({ minutes }) })
  },
}))

let subscribed = false
/** Listens to the watch's events once per page (App calls it); the screens read the store. */
export function subscribeToWatch(): void {
  if (subscribed) return
  subscribed = true
  const api = getApi()
  api.on('watch.status', (status) => useWatch.setState({ status }))
  api.on('watch.raised', (events) => useWatch.setState((s) => ({ live: [...[...events].sort((a, b) => b.at - a.at), ...s.live].slice(0, LIVE_MAX) })))
  api.on('watch.openConnection', ({ connectionId }) => {
    const navigation = useNavigation.getState()
    if (connectionId) navigation.openConnection(connectionId)
    else navigation.show('activity')
  })
  // Another profile is another fleet: what was raised for the last one is not listed as live any more.
  let profileId = selectActiveProfile(useProfiles.getState())?.id
  useProfiles.subscribe((state) => {
    const next = selectActiveProfile(state)?.id
    if (next !== profileId) useWatch.setState({ live: [] })
    profileId = next
  })
  void useWatch.getState().loadStatus()
}
