/**
 * File names that are safe on Windows, macOS and Linux, made from names users typed (connection and VPN names):
 * no path separators or `..`, no characters Windows refuses, no control characters, no reserved device names
 * (`CON`, `NUL`, `COM1`…), no trailing dots or spaces, no leading dots (hidden files), and short enough for
 * every file system (255 bytes of UTF-8 at most, cut on a character boundary).
 */
import { MAX_NAME_BYTES, cutToBytes, utf8Length } from '../fs/name-length'

export { MAX_NAME_BYTES }

/** Windows device names, reserved with any extension and in any case. */
const RESERVED = /^(con|prn|aux|nul|clock\$|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i

/** Characters no file system here accepts, or Windows refuses: separators, `<>:"|?*`, control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\<>:"|?*\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Removes what is unsafe in a name's stem (without its extension); never returns an empty string. */
export function sanitizeStem(stem: string, fallback = 'file'): string {
  let s = stem.normalize('NFC').replace(FORBIDDEN, '_')
  // `..` anywhere becomes one dot, leading dots would hide the file, trailing dots and spaces Windows drops.
  s = s.replace(/\.{2,}/g, '.').replace(/\s+/g, ' ').replace(/^[\s.]+/, '').replace(/[\s.]+$/, '')
  if (s === '') s = fallback
  const device = s.split('.')[0] ?? ''
  if (RESERVED.test(device.trim())) s = `_${s}`
  return s
}

/**
 * A safe file name: `stem` sanitized, cut so that the name with `suffix` (e.g. " (2)") and `extension`
 * (e.g. ".ovpn") fits `MAX_NAME_BYTES`.
 */
export function safeFileName(stem: string, extension: string, suffix = '', fallback = 'file'): string {
  const clean = sanitizeStem(stem, fallback)
  const room = MAX_NAME_BYTES - utf8Length(suffix) - utf8Length(extension)
  const cut = cutToBytes(clean, room).replace(/[\s.]+$/, '') || fallback
  return `${cut}${suffix}${extension}`
}

/**
 * Hands out safe names unique among themselves and unlike every name in `existing` (a folder's files),
 * case-insensitively (Windows and macOS folders are), adding " (2)", " (3)"… before the extension.
 */
export function createUniqueNamer(extension: string, fallback = 'file', existing: Iterable<string> = []) {
  const taken = new Set<string>()
  for (const name of existing) taken.add(name.normalize('NFC').toLowerCase())
  return (stem: string): string => {
    for (let n = 1; ; n++) {
      const name = safeFileName(stem, extension, n === 1 ? '' : ` (${n})`, fallback)
      const key = name.normalize('NFC').toLowerCase()
      if (!taken.has(key)) {
        taken.add(key)
        return name
      }
    }
  }
}

/** `<connection name> - <vpn name>`, the stem of an .ovpn file. */
export function ovpnStem(connectionName: string | undefined, vpnName: string): string {
  return connectionName ? `${connectionName} - ${vpnName}` : vpnName
}
