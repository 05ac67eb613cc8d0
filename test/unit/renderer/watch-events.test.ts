/**
 * The Activity screen's list (stores/watch.ts): events raised while the screen is open and the stored ones as one
 * list, newest first, each once, with the screen's filter applied to the live ones as main applies it to the stored.
 */
import { describe, expect, test } from 'vitest'
import type { WatchEvent } from '../../../src/shared/watch'
import { matches, mergeEvents } from '../../../src/renderer/src/stores/watch'

const event = (over: Partial<WatchEvent>): WatchEvent => ({ kind: 'connection_offline', at: 1_000, connectionId: 'c1', ...over })

describe('the Activity list', () => {
  test('puts live events above the stored ones, newest first, without listing a stored one twice', () => {
    const stored = [event({ id: 2, at: 2_000 }), event({ id: 1, at: 1_000, kind: 'connection_online' })]
    const live = [event({ id: 3, at: 3_000 }), event({ id: 2, at: 2_000 })]
    expect(mergeEvents(live, stored, {}).map((e) => e.id)).toEqual([3, 2, 1])
  })

  test('keeps a live event with no id only when it is newer than the stored list', () => {
    const stored = [event({ id: 5, at: 5_000 })]
    expect(mergeEvents([event({ at: 6_000 }), event({ at: 4_000 })], stored, {}).map((e) => e.at)).toEqual([6_000, 5_000])
  })

  test('filters live events by kind and connection as main filters the stored ones', () => {
    const live = [event({ id: 1, kind: 'api_unreachable', connectionId: undefined }), event({ id: 2, connectionId: 'c2' }), event({ id: 3 })]
    expect(mergeEvents(live, [], { kind: 'connection_offline', connectionId: 'c1' }).map((e) => e.id)).toEqual([3])
    expect(matches(live[0]!, { kind: 'api_unreachable' })).toBe(true)
    expect(matches(live[0]!, { connectionId: 'c1' })).toBe(false)
  })
})
