/**
 * The `support` domain of the IPC contract: what Help shows besides the app's own info (the runtime versions and
 * folders) and "Check the API", the API drift report of shared/drift.ts. Handled in main/app/support-calls.ts.
 */
import { z } from 'zod'
import type { DriftReport } from '../drift'
import { UPDATE_CHANNELS, type UpdateSettings, type UpdateState } from '../update'
import { call, noInput } from './kit'

/** What Help's About shows: the versions support asks for, and where the app's files are. */
export interface SupportAbout {
  version: string
  /** `type release arch`, e.g. `Linux 6.1.0 x64`. */
  os: string
  electron: string | null
  chrome: string | null
  node: string | null
  dataFolder: string
  logFolder: string
}

export const supportContract = {
  calls: {
    about: call<SupportAbout>()(noInput),
    /** Reads every read-only endpoint of the docs once with the active profile and compares each answer with them. */
    checkApi: call<DriftReport>()(noInput),
    /** Where the app's own update stands (idle where no updater runs: development builds, tests). */
    updateState: call<UpdateState>()(noInput),
    /** Starts downloading an available update ("only notify" left it to the user). */
    downloadUpdate: call<void>()(noInput),
    /** Quits and installs the downloaded update. */
    restartToUpdate: call<void>()(noInput),
    updateSettings: call<UpdateSettings>()(noInput),
    /** Saved to the data folder; the channel and "only notify" apply from the next check on. */
    setUpdateSettings: call<UpdateSettings>()(z.strictObject({ channel: z.enum(UPDATE_CHANNELS), onlyNotify: z.boolean() })),
  },
} as const
