/**
 * Profiles: one per iProxy account the user manages (their own, a client's). Shapes shared by main and renderer.
 * The API key itself never travels main → renderer; the renderer sees only `keyHint`.
 */
import { z } from 'zod'
import { apiUrlProblem } from './validators'

export const profileNameSchema = z.string().trim().min(1, 'enter a name').max(100, 'use at most 100 characters')

export const apiKeyInputSchema = z
  .string()
  .trim()
  .min(8, 'this is too short to be an iProxy API key')
  .max(512, 'this is too long to be an iProxy API key')
  .regex(/^\S+$/, 'an API key has no spaces: copy it again')

export const baseUrlSchema = z.url({
  protocol: /^https?$/,
  error: 'enter the API address as a full URL starting with https:// (or http:// for a local simulator)',
})
  .max(2048, 'use at most 2048 characters')
  .superRefine((value, ctx) => {
    const problem = apiUrlProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', params: { id: 'api_url' }, message: `the API address ${problem}` })
  })

export const profileIdSchema = z.string().min(1).max(64)

/** A keychain entry's account name: ours are profile ids, but an entry left by hand may be named anything. */
export const keychainAccountSchema = z.string().min(1).max(1024)

/** A key in the keychain that no profile owns (left by a crash, an old bug, or another data folder's profile). */
export interface OrphanKey {
  /** The keychain entry's account name. */
  id: string
  /** The key's last four characters, or null when the entry could not be read. */
  keyHint: string | null
}

export interface ProfileSummary {
  id: string
  name: string
  baseUrl: string
  createdAt: string
  /** The key's last four characters, or null when the keychain could not be read. */
  keyHint: string | null
  active: boolean
  /** The embedded simulator's profile: nothing about it is stored. */
  demo: boolean
}
