/**
 * `readBodyAtMost(body, maxBytes)`: an answer's body as text, or undefined as soon as it passes `maxBytes`. The
 * Console API's largest documented answers (every connection with its proxies) are a few MB; without a cap a
 * broken or hostile server could fill memory with one endless answer. Past the cap the stream is destroyed,
 * which closes the connection, so nothing more is downloaded.
 */
import type { Readable } from 'node:stream'

/** The transport's default cap on one answer (50 MB: far beyond any real answer, far below trouble). */
export const DEFAULT_MAX_RESPONSE_BYTES = 50_000_000

export async function readBodyAtMost(body: Readable, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) {
      body.destroy()
      return undefined
    }
    chunks.push(chunk)
  }
  // As undici's body.text(): UTF-8, a leading byte order mark dropped.
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks, size))
}

/** "50 MB", "512 KB": the cap as the error message names it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${Math.round(bytes / 100_000) / 10} MB`
  if (bytes >= 1_000) return `${Math.round(bytes / 100) / 10} KB`
  return `${bytes} bytes`
}
