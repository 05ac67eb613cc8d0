/**
 * The WHERE part of a history query, built from whichever filters the query was given: each clause with its
 * values, in order, so the placeholders and the parameters cannot drift apart.
 */
import type { SqlValue } from './database'

export class SqlFilter {
  private readonly clauses: string[] = []
  readonly params: SqlValue[] = []

  /** Any clause with its `?` values. */
  where(clause: string, ...values: SqlValue[]): this {
    this.clauses.push(clause)
    this.params.push(...values)
    return this
  }

  /** `column` from `from` to `to` (ms), each end only when given. */
  range(column: string, from: number | undefined, to: number | undefined): this {
    if (from !== undefined) this.where(`${column} >= ?`, from)
    if (to !== undefined) this.where(`${column} <= ?`, to)
    return this
  }

  /** `column IN (...)`. An empty list matches nothing: callers answer it without a query. */
  oneOf(column: string, values: readonly SqlValue[]): this {
    return this.where(`${column} IN (${values.map(() => '?').join(', ')})`, ...values)
  }

  /** `WHERE ...`, or nothing when no filter was given. */
  get sql(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : ''
  }
}
