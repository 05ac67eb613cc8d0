/**
 * The profiles file in the user-data folder: names, API addresses and which profile is active. It never holds
 * a key or anything derived from one (keys are in the keychain, by profile id).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../app-error'
import { writeFileAtomic } from '../fs/atomic-write'

const storedProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  baseUrl: z.string().min(1),
  createdAt: z.string(),
})
export type StoredProfile = z.infer<typeof storedProfileSchema>

const profilesFileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(storedProfileSchema),
  activeId: z.string().optional(),
})
export type ProfilesFileContent = z.infer<typeof profilesFileSchema>

export const PROFILES_FILE_NAME = 'profiles.json'

export function profilesFilePath(dataDir: string): string {
  return join(dataDir, PROFILES_FILE_NAME)
}

export async function readProfilesFile(dataDir: string): Promise<ProfilesFileContent> {
  const path = profilesFilePath(dataDir)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return { version: 1, profiles: [] }
    throw new AppError('profiles_unreadable', `The profiles file ${path} could not be read (${(err as Error).message}).`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new AppError('profiles_unreadable', `The profiles file ${path} is not valid JSON. Fix it, or move it away to start with no profiles.`)
  }
  const result = profilesFileSchema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') || '(file)'
    throw new AppError(
      'profiles_unreadable',
      `The profiles file ${path} has an unexpected shape at ${field}: ${issue?.message ?? 'invalid'}. Fix it, or move it away to start with no profiles.`,
    )
  }
  return result.data
}

export function writeProfilesFile(dataDir: string, content: ProfilesFileContent): Promise<void> {
  return writeFileAtomic(profilesFilePath(dataDir), `${JSON.stringify(content, null, 2)}\n`)
}
