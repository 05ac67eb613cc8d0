import { describe, expect, it } from 'vitest'
import { BridgeError, createBridge, eventChannel, listCalls, unwrapBridge } from '../../../src/shared/bridge'
import type { Envelope } from '../../../src/shared/bridge'

describe('createBridge', () => {
  it('exposes one function per contract call, on the channel named after its keys', async () => {
    const seen: Array<[string, unknown]> = []
    const raw = createBridge(
      async (channel, input) => {
        seen.push([channel, input])
        return { ok: true, value: `answer from ${channel}` } as Envelope<unknown>
      },
      () => () => {},
    )
    for (const [name] of listCalls()) {
      const [domain, call] = name.split('.') as [string, string]
      const fn = (raw as unknown as Record<string, Record<string, (i?: unknown) => Promise<Envelope<unknown>>>>)[domain]![call]!
      await expect(fn({ probe: name })).resolves.toEqual({ ok: true, value: `answer from ${name}` })
    }
    expect(seen.map(([channel]) => channel)).toEqual(listCalls().map(([name]) => name))
    expect(Object.isFrozen(raw)).toBe(true)
  })

  it('unwraps results, and failures into a BridgeError that keeps its code and details', async () => {
    const api = unwrapBridge(
      createBridge(
        async (channel) =>
          channel === 'app.info'
            ? { ok: true, value: { name: 'x', version: '1', platform: 'linux', demoMode: true } }
            : { ok: false, error: { code: 'link_not_allowed', message: 'Only iproxy.online', details: { url: 'http://x' } } },
        () => () => {},
      ),
    )
    await expect(api.app.info()).resolves.toMatchObject({ demoMode: true })
    const failure = await api.app.openExternal({ url: 'http://x' }).catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(BridgeError)
    expect(failure).toMatchObject({ code: 'link_not_allowed', message: 'Only iproxy.online', details: { url: 'http://x' } })
  })

  it('subscribes to events on their own channel and stops when asked', () => {
    const listeners = new Map<string, (payload: unknown) => void>()
    const raw = createBridge(
      async () => ({ ok: true, value: null }),
      (channel, listener) => {
        listeners.set(channel, listener)
        return () => listeners.delete(channel)
      },
    )
    const received: unknown[] = []
    const stop = (raw.on as (name: string, l: (p: unknown) => void) => () => void)('health.progress', (p) => received.push(p))
    listeners.get(eventChannel('health.progress' as never))?.({ done: 1 })
    expect(received).toEqual([{ done: 1 }])
    stop()
    expect(listeners.size).toBe(0)
  })
})
