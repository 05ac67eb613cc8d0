/**
 * Export templates such as `{service}://{login}:{password}@{host}:{port}`: the fields a row has and a template may
 * name, reading a template into parts, and the parts for a proxy without credentials. Pure TypeScript; format.ts
 * writes lines with them.
 */

/** The fields of a CSV/JSON row, and the placeholders a template may use (plus `host`, `scheme` and the `_url` ones). */
export const PROXY_FIELDS = [
  'connection_name',
  'connection_id',
  'proxy_id',
  'service',
  'auth_type',
  'hostname',
  'ip',
  'port',
  'login',
  'password',
  'expires_at',
  'description',
] as const
export type ProxyField = (typeof PROXY_FIELDS)[number]

/** Every placeholder a template may use: the fields above, `host` (the chosen address), `login_url`/`password_url` (percent-encoded). */
export const TEMPLATE_PLACEHOLDERS = [...PROXY_FIELDS, 'host', 'login_url', 'password_url'] as const
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number]

export const DEFAULT_TEMPLATE = '{service}://{login}:{password}@{host}:{port}'

/** Thrown by `formatProxies` for a missing or invalid template (validate first with `parseTemplate`). */
export class ProxyTemplateError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message)
    this.name = 'ProxyTemplateError'
  }
}

export type TemplatePart = { text: string } | { field: TemplatePlaceholder }

/** Why a template was refused, for the page to word in its language (the message is English, for logs and the CLI). */
export type TemplateErrorCode = 'empty' | 'line_break' | 'unclosed' | 'unknown_placeholder' | 'unopened' | 'no_placeholder'

export type ParsedTemplate =
  | { ok: true; parts: TemplatePart[] }
  | { ok: false; code: TemplateErrorCode; message: string; position: number; /** unknown_placeholder: it, in braces. */ placeholder?: string }

const PLACEHOLDER_SET: ReadonlySet<string> = new Set(TEMPLATE_PLACEHOLDERS)

/**
 * Reads a template such as `{service}://{login}:{password}@{host}:{port}`. `{{` and `}}` write literal braces.
 * Refuses unknown placeholders, unclosed braces, line breaks and templates without any placeholder.
 */
export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = []
  let text = ''
  let hasField = false
  if (template.trim() === '') return { ok: false, code: 'empty', message: 'The template is empty.', position: 0 }
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]
    if (ch === '\n' || ch === '\r') return { ok: false, code: 'line_break', message: 'A template is one line: remove the line break.', position: i }
    if (ch === '{') {
      if (template[i + 1] === '{') {
        text += '{'
        i++
        continue
      }
      const end = template.indexOf('}', i + 1)
      if (end < 0) return { ok: false, code: 'unclosed', message: `The "{" at position ${i + 1} is never closed (write "{{" for a literal brace).`, position: i }
      const name = template.slice(i + 1, end).trim()
      if (!PLACEHOLDER_SET.has(name)) {
        return { ok: false, code: 'unknown_placeholder', placeholder: `{${name}}`.slice(0, 40), message: `Unknown placeholder {${name}}. Use one of: ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}.`, position: i }
      }
      if (text) parts.push({ text })
      text = ''
      parts.push({ field: name as TemplatePlaceholder })
      hasField = true
      i = end
      continue
    }
    if (ch === '}') {
      if (template[i + 1] === '}') {
        text += '}'
        i++
        continue
      }
      return { ok: false, code: 'unopened', message: `The "}" at position ${i + 1} has no opening "{" (write "}}" for a literal brace).`, position: i }
    }
    text += ch
  }
  if (text) parts.push({ text })
  if (!hasField) return { ok: false, code: 'no_placeholder', message: 'The template has no placeholder, so every line would be the same. Add e.g. {host}:{port}.', position: 0 }
  return { ok: true, parts }
}

const CREDENTIAL_FIELDS: ReadonlySet<TemplatePlaceholder> = new Set(['login', 'password', 'login_url', 'password_url'])
export const isCredentialPart = (part: TemplatePart): boolean => 'field' in part && CREDENTIAL_FIELDS.has(part.field)
/** Text that may sit between a login and a password placeholder (`:`, ` `, `;`…): no letter, digit or `@`. */
const CREDENTIAL_SEPARATOR_RE = /^[^A-Za-z0-9@]{1,3}$/

/**
 * The template for a proxy without credentials: each run of credential placeholders (with the short separators
 * between them, as in `{login}:{password}`) is dropped, and with it the one separator that only made sense next
 * to it: the `@` after it (`{login}:{password}@{host}`), else the separator before it when it ends the template
 * (`{host}:{port}:{login}:{password}`), else the one after it when it starts the template
 * (`{login}:{password}:{host}:{port}`). A run in the middle of a column format keeps its separators, so the
 * columns after it stay where a reading tool expects them (`{host};{login};{password};{port}` → `h;;;p`).
 */
export function withoutCredentials(parts: readonly TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = parts.map((part) => ({ ...part }))
  for (let i = 0; i < out.length; i++) {
    if (!isCredentialPart(out[i] as TemplatePart)) continue
    let end = i
    for (let j = i + 1; j < out.length; j++) {
      const part = out[j] as TemplatePart
      if (isCredentialPart(part)) end = j
      else if (!('text' in part && CREDENTIAL_SEPARATOR_RE.test(part.text))) break
    }
    const before = out[i - 1]
    const after = out[end + 1]
    const afterText = after && 'text' in after ? after : undefined
    const beforeText = before && 'text' in before ? before : undefined
    if (afterText?.text.startsWith('@')) afterText.text = afterText.text.slice(1)
    else if (!after && beforeText && /[^A-Za-z0-9/]$/.test(beforeText.text)) beforeText.text = beforeText.text.slice(0, -1)
    else if (!before && afterText && /^[^A-Za-z0-9]/.test(afterText.text)) afterText.text = afterText.text.slice(1)
    else {
      // In the middle of columns: only the values go, every separator stays.
      for (let j = end; j >= i; j--) if (isCredentialPart(out[j] as TemplatePart)) out.splice(j, 1)
      continue
    }
    out.splice(i, end - i + 1)
    i -= 1
  }
  return out.filter((part) => !('text' in part) || part.text !== '')
}
