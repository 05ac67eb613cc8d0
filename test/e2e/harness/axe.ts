/**
 * axe-core run straight in the page. @axe-core/playwright injected axe into every frame and ran its results
 * through a second, blank page on each `analyze()`: 8–20 s a screen on our 2-core machines, most of the
 * accessibility spec's time. Our app has one frame, so axe is injected once per page and asked for the
 * violations only (not the passes, whose node lists were most of the payload): about 2 s a screen.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import type { AxeResults, ImpactValue } from 'axe-core'

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: ImpactValue | undefined
  help: string
  targets: string[]
}

/** Runs every axe rule on the page (the parts under `within`, when given) and returns the violations. */
export async function axeViolations(page: Page, within?: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe
    const results = await axe.run(selector ?? document, { resultTypes: ['violations'] })
    return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? undefined, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))
  }, within)
}
