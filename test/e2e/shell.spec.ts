import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, harnessAppInfo, skipWithoutChromium, test } from './harness/fixtures'
import { RENDERER_DIR, SCREENS_DIR } from './harness/paths'
import { serveDirectory } from './harness/static-server'

skipWithoutChromium()

test('the shell shows every section and the version main reports through the bridge', async ({ app }) => {
  const { page } = app
  const info = harnessAppInfo()
  await expect(page.getByTestId('app-version')).toHaveText(`${info.name} ${info.version}`)
  const nav = page.getByRole('navigation', { name: 'Sections' })
  for (const label of ['Connections', 'Proxies', 'VPN', 'Statistics', 'Action links', 'Health checks', 'History', 'Exports', 'Account', 'Profiles', 'Help']) {
    await expect(nav.getByRole('button', { name: label, exact: true })).toBeVisible()
  }
  await nav.getByRole('button', { name: 'Proxies', exact: true }).click()
  await expect(page.getByRole('banner').getByRole('heading', { level: 1 })).toHaveText('Proxies')
  await expect(nav.getByRole('button', { name: 'Proxies', exact: true })).toHaveAttribute('aria-current', 'page')
})

test('the page runs under the CSP: no inline script executes', async ({ app }) => {
  const { page } = app
  const violations: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text())
  })
  const ran = await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__inlineRan = true'
    document.body.appendChild(script)
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
  })
  expect(ran).toBe(false)
  await expect.poll(() => violations.length).toBeGreaterThan(0)
})

test('the header shows a clear error and a retry when main cannot answer', async ({ app }) => {
  const { page } = app
  // The renderer treats a failed call like any failure: a message and a way to retry, not a blank screen.
  await expect(page.getByTestId('app-version')).toBeVisible()
  // A code this page has no wording for (a newer main's) shows main's own message.
  app.failNextCalls('app.info', { code: 'some_future_code', message: 'Main is busy, try again' })
  await page.reload()
  await expect(page.getByRole('alert')).toContainText('Main is busy, try again')
  await page.getByRole('button', { name: 'Retry' }).click()
  await expect(page.getByTestId('app-version')).toBeVisible()
})

test('an unexpected failure inside main reads in the interface language and points at the log', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('app-version')).toBeVisible()
  await page.evaluate(() => localStorage.setItem('iproxy.language', 'ru'))
  app.failNextCalls('app.info', { code: 'internal', message: 'Something went wrong inside the app.' })
  await page.reload()
  await expect(page.getByRole('alert')).toContainText('Внутри приложения что-то пошло не так')
  await expect(page.getByRole('alert')).not.toContainText('Something went wrong')
})

test('an error whose code has wording of its own is shown in it, not in main\'s English (response_too_large)', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('app-version')).toBeVisible()
  app.failNextCalls('app.info', { code: 'response_too_large', message: 'The response was larger than 52428800 bytes.' })
  await page.reload()
  await expect(page.getByRole('alert')).toContainText('The iProxy server sent a far larger answer than expected, so it was not read.')
  await expect(page.getByRole('alert')).not.toContainText('52428800')
  await page.evaluate(() => localStorage.setItem('iproxy.language', 'ru'))
  app.failNextCalls('app.info', { code: 'response_too_large', message: 'The response was larger than 52428800 bytes.' })
  await page.reload()
  await expect(page.getByRole('alert')).toContainText('Сервер iProxy прислал ответ намного больше ожидаемого')
})

test('a call from a page that is not the app is refused by the handler table', async ({ app }) => {
  const { page } = app
  // The very same page from another origin, as a foreign frame would be: the binding exists there, the table refuses.
  const foreign = await serveDirectory(RENDERER_DIR)
  try {
    await page.goto(`${foreign.origin}/index.html`)
    const envelope = await page.evaluate(() =>
      (window as unknown as { __iproxyInvoke: (c: string, i: unknown) => Promise<unknown> }).__iproxyInvoke('app.info', undefined),
    )
    expect(envelope).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('refused') } })
    expect(app.logs.join('\n')).toContain('refused call "app.info" from untrusted sender')
  } finally {
    await foreign.close()
  }
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot of the shell in the ${scheme} theme`, async ({ app }) => {
    const { page } = app
    await page.emulateMedia({ colorScheme: scheme })
    await page.setViewportSize({ width: 1280, height: 800 })
    await expect(page.getByTestId('app-version')).toBeVisible()
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    // The theme follows the OS: dark backgrounds are dark, light ones light.
    const [r = 0, g = 0, b = 0] = background.match(/\d+/g)!.map(Number)
    const luminance = (r + g + b) / 3
    if (scheme === 'dark') expect(luminance).toBeLessThan(80)
    else expect(luminance).toBeGreaterThan(200)
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `shell-${scheme}.png`) })
  })
}
