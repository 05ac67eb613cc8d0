/**
 * What the UI benches time in the page: every keystroke from keydown to the re-rendered screen laid out, and
 * every long task (over 50 ms) of the main thread while the probe listens. Used by ui.bench and bulk-ui.bench.
 */
import type { Page } from '@playwright/test'

const KEYSTROKE_PROBE = `
(() => {
  window.__keystrokes = []
  window.__longTasks = []
  if (window.__keystrokeProbe) return
  window.__keystrokeProbe = true
  document.addEventListener('keydown', () => {
    const started = performance.now()
    setTimeout(() => {
      document.body.getBoundingClientRect()
      window.__keystrokes.push(performance.now() - started)
    }, 0)
  }, true)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration)
  }).observe({ type: 'longtask' })
})()
`

/** Epoch ms once the main thread is free again and a frame has been drawn. */
export function settled(page: Page): Promise<number> {
  return page.evaluate<number>('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(Date.now()), 0))))')
}

/** 20 keystrokes ~60 ms apart in the search box named `box` (typed, then erased): each one's time, and the long tasks. */
export async function searchKeystrokes(page: Page, box: string): Promise<{ keystrokes: number[]; longTasks: number[] }> {
  await page.evaluate(KEYSTROKE_PROBE)
  await page.getByRole('searchbox', { name: box }).focus()
  for (const key of [...'berlin #12'.split(''), ...Array(10).fill('Backspace')]) {
    await page.keyboard.press(key === ' ' ? 'Space' : key)
    await page.waitForTimeout(60)
  }
  await settled(page)
  return page.evaluate<{ keystrokes: number[]; longTasks: number[] }>('({ keystrokes: window.__keystrokes, longTasks: window.__longTasks })')
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
