/**
 * The main process's log. One function, so every line passes through the same masking: a bearer token or an
 * `apiKey`/`password` value that slips into a message is replaced before it is written anywhere.
 */
export type Logger = (message: string, err?: unknown) => void

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/(authorization["']?\s*[:=]\s*["']?bearer\s+)[^\s"',}]+/gi, '$1***'],
  [/(bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi, '$1***'],
  [/(["']?(?:api_?key|apiKey|password|secret|token)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1***'],
]

export function maskSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, [re, replacement]) => acc.replace(re, replacement), text)
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`
  try {
    return JSON.stringify(err)
  } catch {
    return String(err)
  }
}

export function createLogger(write: (line: string) => void = (line) => console.error(line)): Logger {
  return (message, err) => {
    const line = err === undefined ? message : `${message}: ${describe(err)}`
    write(`[iproxy] ${maskSecrets(line)}`)
  }
}
