/**
 * The length limit of one file name: 255 bytes of UTF-8 (ext4, XFS, btrfs; APFS and NTFS count characters or
 * UTF-16 units, which 255 bytes never exceeds). Names are measured and cut here, in bytes, on character boundaries,
 * for the atomic writer's temporary names and for the names exports make from what users typed.
 */

/** Bytes a whole file name may take. */
export const MAX_NAME_BYTES = 255

/** The length of `text` in UTF-8 (a lone surrogate counts as the 3 bytes of its replacement character). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  return bytes
}

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character (a surrogate pair stays whole). */
export function cutToBytes(text: string, maxBytes: number): string {
  let out = ''
  let bytes = 0
  for (const ch of text) {
    const size = utf8Length(ch)
    if (bytes + size > maxBytes) break
    out += ch
    bytes += size
  }
  return out
}
