/**
 * The `app` domain of the IPC contract: the app itself (its version, links, clipboard, interface language, and
 * Help's log folder and diagnostics).
 * Handled in main/app/calls.ts.
 */
import { z } from 'zod'
import { call, noInput } from './kit'

/** The languages of the interface (the renderer's translations; main's own few texts, such as dialog titles). */
export const UI_LANGUAGES = ['en', 'ru'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]

/**
 * The query parameter of the app page after its renderer crashed and main loaded it again (main/window.ts), with
 * Electron's reason as its value: the page tells the user (features/shell/RecoveredNotice.tsx).
 */
export const RECOVERED_PARAM = 'recovered'

export interface AppInfo {
  name: string
  version: string
  platform: 'darwin' | 'win32' | 'linux' | string
  demoMode: boolean
}

export const appContract = {
  calls: {
    info: call<AppInfo>()(noInput),
    /** Opens an https link on an allow-listed iProxy host in the user's browser. */
    openExternal: call<void>()(z.strictObject({ url: z.url().max(2048) })),
    /** Puts text on the clipboard (the page itself may not: every permission, the clipboard's too, is denied). */
    copyText: call<void>()(z.strictObject({ text: z.string().min(1).max(1_000_000) })),
    /** The interface's language, for the text main shows itself (the native dialogs' titles). */
    setLanguage: call<void>()(z.strictObject({ language: z.enum(UI_LANGUAGES) })),
    /** Opens the folder of the app's log files in the system's file manager. */
    openLogFolder: call<void>()(noInput),
    /**
     * Puts the diagnostics (app and OS versions, data folder, recent errors from the log; no key, password or
     * proxy address) on the clipboard, and answers the same text so the page can show what was copied.
     */
    copyDiagnostics: call<{ text: string }>()(noInput),
  },
} as const
