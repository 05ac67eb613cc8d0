import { useState } from 'react'

/** The time the component first rendered: a stable "now" for deciding whether a plan is still active. */
export function useMountTime(): number {
  const [now] = useState(() => Date.now())
  return now
}
