/** What an action did: a status line, or an alert when it failed. Nothing when there is no outcome yet. */
export function Outcome({ outcome }: { outcome: { message: string; error?: boolean } | undefined }) {
  if (!outcome) return null
  return outcome.error ? (
    <p role="alert" className="form-error">
      {outcome.message}
    </p>
  ) : (
    <p role="status" className="notice">
      {outcome.message}
    </p>
  )
}
