/**
 * `measureThroughput(target, { url, seconds })`: downloads from `url` through the proxy for up to `seconds` and
 * reports Mbit/s over the bytes received after the response headers. Never rejects. The same GET as the echo
 * check (get-through.ts), with a sink that counts bytes and stops when the time is up.
 */
import { performance } from 'node:perf_hooks'
import { HEALTH_STATUS_MESSAGES, type HealthTarget } from '../../shared/health'
import { Attempt, DEFAULT_TIMEOUT_MS, StoppedError } from './attempt'
import { classifyError, messageFor } from './classify'
import { getRequestFor, getThrough, type AnswerSink } from './get-through'

const DOWNLOAD_HEADERS = { 'user-agent': 'iProxy-Desktop-speed-check' } as const

export interface ThroughputReading {
  mbps?: number
  bytes: number
  seconds: number
  error?: string
}

/** Counts a download's bytes for `seconds` from its headers; `timeUp` resolves when they have passed. */
class Download implements AnswerSink {
  statusCode = 0
  bytes = 0
  /** performance.now() at the headers (0: none yet). */
  began = 0
  readonly timeUp: Promise<void>
  private markTimeUp: () => void = () => {}
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly ms: number) {
    this.timeUp = new Promise<void>((resolve) => {
      this.markTimeUp = resolve
    })
  }

  head(statusCode: number): boolean {
    this.statusCode = statusCode
    if (statusCode < 200 || statusCode > 299) return false
    this.began = performance.now()
    // The body may stall: the time is up anyway.
    this.timer = setTimeout(this.markTimeUp, this.ms)
    return true
  }

  body(chunk: Buffer): boolean {
    this.bytes += chunk.length
    return performance.now() - this.began < this.ms
  }

  /** Mbit/s over the bytes so far. */
  reading(): ThroughputReading {
    const seconds = (performance.now() - this.began) / 1000
    const mbps = seconds > 0 ? Math.round(((this.bytes * 8) / 1e6 / seconds) * 100) / 100 : 0
    return { mbps, bytes: this.bytes, seconds }
  }

  dispose(): void {
    clearTimeout(this.timer)
  }
}

export async function measureThroughput(
  target: HealthTarget,
  options: { url: string; seconds: number; signal?: AbortSignal; timeoutMs?: number },
): Promise<ThroughputReading> {
  const request = getRequestFor(options.url, DOWNLOAD_HEADERS)
  if (!request) return { bytes: 0, seconds: 0, error: 'the download address is not a URL' }
  const timeoutMs = options.timeoutMs ?? options.seconds * 1000 + DEFAULT_TIMEOUT_MS
  const attempt = new Attempt(timeoutMs, options.signal)
  const download = new Download(options.seconds * 1000)
  try {
    await attempt.run(Promise.race([getThrough(target, request, attempt, {}, timeoutMs, download), download.timeUp]))
    if (download.began === 0) return { bytes: 0, seconds: 0, error: `the download answered HTTP ${download.statusCode}` }
    return download.reading()
  } catch (err) {
    const stopped = attempt.reason ?? (err instanceof StoppedError ? err.reason : undefined)
    // A deadline in the middle of the download still gives a speed over what arrived.
    if (stopped === 'timeout' && download.bytes > 0) return download.reading()
    if (stopped === 'timeout') return { bytes: 0, seconds: 0, error: `the download did not start within ${Math.round(timeoutMs / 100) / 10} s` }
    if (stopped) return { bytes: download.bytes, seconds: 0, error: HEALTH_STATUS_MESSAGES[stopped] }
    const c = classifyError(err)
    return { bytes: download.bytes, seconds: 0, error: messageFor(c.status, c.detail) }
  } finally {
    download.dispose()
    // Closes the connection, whether the download ended, ran out of time or failed.
    attempt.dispose()
  }
}
