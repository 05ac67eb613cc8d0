/**
 * The phone gate on real timers: one action at a time per phone, the gap between the end of one and the start of
 * the next on the same phone, other phones untouched, first come first served, and waiting that can be cancelled.
 */
import { expect, test } from 'vitest'
import { createPhoneGate } from '../../../src/main/bulk'

const never = new AbortController().signal
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test('the same phone: one action at a time, and the gap after it', async () => {
  const gate = createPhoneGate({ gapMs: 300 })
  const release = await gate.acquire('p1', never)
  expect(gate.busy('p1')).toBe(true)
  let secondAt: number | undefined
  const second = gate.acquire('p1', never).then((r) => {
    secondAt = Date.now()
    return r
  })
  await sleep(100)
  expect(secondAt).toBeUndefined()
  const releasedAt = Date.now()
  release()
  release() // a second release changes nothing
  expect(gate.busy('p1')).toBe(false)
  const r2 = await second
  expect(secondAt! - releasedAt).toBeGreaterThanOrEqual(295)
  expect(gate.busy('p1')).toBe(true)
  r2()
})

test('other phones do not wait, and the gap can be changed while running', async () => {
  let gap = 10_000
  const gate = createPhoneGate({ gapMs: () => gap })
  ;(await gate.acquire('a', never))()
  const started = Date.now()
  const b = await gate.acquire('b', never)
  expect(Date.now() - started).toBeLessThan(50)
  b()
  // 'a' is within its 10 s gap: not free at once, but not busy either (rules wait the gap out rather than skip).
  expect(gate.tryAcquire('a')).toBeUndefined()
  expect(gate.busy('a')).toBe(false)
  gap = 0
  const a = gate.tryAcquire('a')
  expect(a).toBeTypeOf('function')
  expect(gate.tryAcquire('a')).toBeUndefined()
  a!()
})

test('waiters are served in order, and one that gives up leaves the line', async () => {
  const gate = createPhoneGate({ gapMs: 20 })
  const order: string[] = []
  const first = await gate.acquire('p', never)
  const quitter = new AbortController()
  const w1 = gate.acquire('p', never).then((r) => (order.push('w1'), r))
  const w2 = gate.acquire('p', quitter.signal).then(
    (r) => (order.push('w2'), r),
    (err: unknown) => {
      order.push(`w2 gave up: ${String(err)}`)
      return undefined
    },
  )
  const w3 = gate.acquire('p', never).then((r) => (order.push('w3'), r))
  // Someone waits: not free for a newcomer who would not wait.
  expect(gate.tryAcquire('p')).toBeUndefined()
  quitter.abort('stop')
  await w2
  first()
  ;(await w1)()
  ;(await w3)()
  expect(order).toEqual(['w2 gave up: stop', 'w1', 'w3'])
})

test('an aborted signal is refused at once, and a lone waiter that gives up leaves no timer behind', async () => {
  const gate = createPhoneGate({ gapMs: 60_000 })
  const aborted = new AbortController()
  aborted.abort(new Error('cancelled'))
  await expect(gate.acquire('p', aborted.signal)).rejects.toThrow('cancelled')
  ;(await gate.acquire('p', never))()
  const quitter = new AbortController()
  const waiting = gate.acquire('p', quitter.signal)
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
  const withTimer = timers()
  quitter.abort(new Error('gave up'))
  await expect(waiting).rejects.toThrow('gave up')
  expect(timers()).toBe(withTimer - 1)
})
