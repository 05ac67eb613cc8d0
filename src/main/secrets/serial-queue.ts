/**
 * One-at-a-time: tasks run in the order they were queued, each after the previous one settled. The profile
 * service runs every change through one queue, because each change reads the profiles file, edits it and writes it
 * back: two at once would each write their own copy and one change (a whole profile) would be lost.
 */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve()
  return (task) => {
    const run = tail.then(() => task())
    // A failed task fails its caller only; the next task still runs.
    tail = run.catch(() => undefined)
    return run
  }
}
