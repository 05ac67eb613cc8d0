/** bulk-settings.json: defaults, a change written whole, a bad value refused naming its field, a damaged file. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { BULK_SETTINGS_FILE, createBulkSettingsStore } from '../../../src/main/bulk'
import { memoryLog, tempDir } from '../history/support'

test('defaults until changed; a change is written and read back by a new store', async () => {
  const dir = tempDir()
  const { log } = memoryLog()
  const store = createBulkSettingsStore({ dataDir: dir, log })
  expect(store.current()).toEqual({ concurrency: 5, samePhoneGapSeconds: 10 })
  expect(await store.get()).toEqual({ concurrency: 5, samePhoneGapSeconds: 10 })
  expect(await store.update({ concurrency: 12 })).toEqual({ concurrency: 12, samePhoneGapSeconds: 10 })
  expect(store.current().concurrency).toBe(12)
  expect(JSON.parse(readFileSync(join(dir, BULK_SETTINGS_FILE), 'utf8'))).toEqual({ concurrency: 12, samePhoneGapSeconds: 10 })
  expect(await createBulkSettingsStore({ dataDir: dir, log }).get()).toEqual({ concurrency: 12, samePhoneGapSeconds: 10 })
})

test('a bad value is refused naming its field, and nothing is written', async () => {
  const dir = tempDir()
  const store = createBulkSettingsStore({ dataDir: dir, log: () => {} })
  await store.update({ samePhoneGapSeconds: 30 })
  await expect(store.update({ concurrency: 51 })).rejects.toMatchObject({ code: 'validation', details: { field: 'concurrency' }, message: expect.stringMatching(/^Invalid bulk settings: concurrency: /) })
  await expect(store.update({ samePhoneGapSeconds: 1.5 } as never)).rejects.toMatchObject({ details: { field: 'samePhoneGapSeconds' } })
  await expect(store.update({ other: 1 } as never)).rejects.toMatchObject({ code: 'validation' })
  expect(JSON.parse(readFileSync(join(dir, BULK_SETTINGS_FILE), 'utf8'))).toEqual({ concurrency: 5, samePhoneGapSeconds: 30 })
})

test('a file with one bad field keeps the other; a file that is not JSON gives the defaults', async () => {
  const dir = tempDir()
  const { log, lines } = memoryLog()
  writeFileSync(join(dir, BULK_SETTINGS_FILE), JSON.stringify({ concurrency: 0, samePhoneGapSeconds: 3 }))
  expect(await createBulkSettingsStore({ dataDir: dir, log }).get()).toEqual({ concurrency: 5, samePhoneGapSeconds: 3 })
  expect(lines.join('\n')).toMatch(/concurrency is not valid/)
  writeFileSync(join(dir, BULK_SETTINGS_FILE), '{ not json')
  expect(await createBulkSettingsStore({ dataDir: dir, log }).get()).toEqual({ concurrency: 5, samePhoneGapSeconds: 10 })
  // Moved aside, so the next change does not write over it, and the log says where.
  const aside = readdirSync(dir).filter((f) => f.startsWith(`${BULK_SETTINGS_FILE}.unreadable-`))
  expect(aside).toHaveLength(1)
  expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{ not json')
  expect(lines.join('\n')).toContain(`it is not JSON; using the defaults (the file is now ${join(dir, aside[0]!)})`)
})
