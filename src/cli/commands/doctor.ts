/**
 * `iproxy doctor`: the API drift report (main/drift). Calls every read-only endpoint of the docs once with the
 * account's key, compares each answer with the docs, and ends with a one-line verdict. Writes nothing; the
 * report names fields and types, never a value the API sent, and masks the one connection id it shows.
 * Exit 0: as documented; 1: differences (or an endpoint could not be read); 3: the key was rejected.
 */
import type { Command } from 'commander'
import type { DriftReport } from '../../shared/drift'
import { accountOptions, withAccount, type CliContext, type CommonFlags } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'

export function registerDoctor(program: Command, ctx: CliContext, run: (action: () => Promise<ExitCode>) => Promise<void>): void {
  accountOptions(program.command('doctor').description('check the API against its docs: every read-only endpoint once, each difference named'))
    .addHelpText('after', '\nExit: 0 as documented, 1 differences found, 3 the key was rejected.\n\nExample:\n  iproxy doctor --demo\n  iproxy doctor --json --profile Work')
    .action((flags: CommonFlags) =>
      run(() =>
        withAccount(ctx, flags, async ({ client }) => {
          // Loaded here: the report's schemas walk is not needed for --help.
          const { runDriftReport, formatDriftReport } = await import('../../main/drift')
          const report = await runDriftReport(client)
          if (flags.json) ctx.out.json(doctorRecord(report))
          else ctx.out.stdout.write(formatDriftReport(report))
          return report.clean ? EXIT.ok : EXIT.failed
        }),
      ),
    )
}

/** The report with every documented field (json-fields.ts) present, an absent one as null. */
export function doctorRecord(report: DriftReport): Record<string, unknown> {
  return {
    checkedAt: report.checkedAt,
    apiHost: report.apiHost,
    connection: report.connection ?? null,
    endpoints: report.endpoints.map((e) => ({ endpoint: e.endpoint, outcome: e.outcome, status: e.status ?? null, note: e.note ?? null })),
    differences: report.differences.map((d) => ({
      endpoint: d.endpoint,
      kind: d.kind,
      path: d.path,
      expected: d.expected ?? null,
      received: d.received ?? null,
      count: d.count,
      breaks: d.breaks,
    })),
    clean: report.clean,
    verdict: report.verdict,
  }
}
