/** Settings kept in the history database itself (so the command line reads the same ones): the retention. */
import { DEFAULT_RETENTION_DAYS, retentionDaysSchema } from '../../shared/history'
import type { SqlDatabase, SqlStatement } from './database'

const RETENTION_KEY = 'retention_days'

export class StoredSettings {
  private readonly read: SqlStatement<{ value: string }>
  private readonly write: SqlStatement<unknown>

  constructor(private readonly db: SqlDatabase) {
    this.read = db.prepare('SELECT value FROM settings WHERE key = ?')
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  }

  get(key: string): string | undefined {
    return this.read.get(key)?.value
  }

  set(key: string, value: string): void {
    this.db.transaction(() => this.write.run(key, value))
  }

  /** Days of history kept; the default when unset or when the stored value is not a valid number of days. */
  retentionDays(): number {
    const parsed = retentionDaysSchema.safeParse(Number(this.get(RETENTION_KEY)))
    return parsed.success ? parsed.data : DEFAULT_RETENTION_DAYS
  }

  setRetentionDays(days: number): number {
    const parsed = retentionDaysSchema.safeParse(days)
    if (!parsed.success) throw new Error(`Retention ${parsed.error.issues[0]?.message ?? 'is not valid'}`)
    this.set(RETENTION_KEY, String(parsed.data))
    return parsed.data
  }
}
