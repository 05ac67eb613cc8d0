/**
 * The main process's log. One function, so every line passes through the same masking: a key, token or password
 * that slips into a message is replaced before it is written anywhere (stderr, the log file of log-file.ts, and
 * the diagnostics the user copies, app/diagnostics.ts).
 */
export type Logger = (message: string, err?: unknown) => void

/** What a sink learns of each line besides its text: whether an error came with it (the diagnostics list those). */
export interface LogEntry {
  error: boolean
}

/** Names whose value is a secret in `name=value`, `name: value` and `"name":"value"` (query strings, forms, JSON). */
const SECRET_NAMES = 'api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|token|client[_-]?secret|secret|passwd|password|pwd'
/** Names that are ordinary words too ("did not pass: ..."): a secret only as `name=value` or a quoted JSON key. */
const WORD_NAMES = 'pass|key'
/** Not part of a longer name: "monkey=" and "healthItemKey:" are kept. */
const NAME_START = '(?:^|[^A-Za-z0-9_-])'
const VALUE = `[^\\s"',}&;]+`

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  // Authorization / Proxy-Authorization headers, any scheme (Bearer, Basic, Digest, Token) or none.
  [/((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|digest|token)\s+)?)[^\s"',}]+/gi, '$1***'],
  // A bearer token on its own ("Bearer abc..." in a message).
  [/(bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi, '$1***'],
  // A Telegram bot token (`123456789:AA...`), a secret wherever it stands (a Bot API URL, an error's text).
  [/\d{5,15}:[A-Za-z0-9_-]{20,}/g, '***'],
  // user:password@ in a URL (a proxy URL, a URL with credentials); the login stays, the password goes.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:)[^\s@/?#]*@/gi, '$1***@'],
  // name=value, name: value, "name":"value" (query strings such as ?key=, forms, JSON, messages).
  [new RegExp(`(${NAME_START}["']?(?:${SECRET_NAMES})["']?\\s*[:=]\\s*["']?)${VALUE}`, 'gi'), '$1***'],
  [new RegExp(`(${NAME_START}(?:(?:${WORD_NAMES})\\s*=\\s*["']?|["'](?:${WORD_NAMES})["']\\s*:\\s*["']?))${VALUE}`, 'gi'), '$1***'],
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

export function createLogger(write: (line: string, entry: LogEntry) => void = (line) => console.error(line)): Logger {
  return (message, err) => {
    const line = err === undefined ? message : `${message}: ${describe(err)}`
    write(`[iproxy] ${maskSecrets(line)}`, { error: err !== undefined })
  }
}
