/**
 * `iproxy`, the command line of iProxy Desktop (built into out/cli/iproxy.mjs; package.json's `bin`). Plain Node:
 * the same services as the app, never Electron. Exits with the code the command chose as soon as output is flushed.
 */
import './v8-flags'
import { createOutput } from './output'
import { runCli } from './program'

const out = createOutput(process.stdout, process.stderr, process.env)

// `iproxy export ... | head` closes the pipe early: that is the reader's choice, not an error worth a stack.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
  throw err
})

runCli(process.argv.slice(2), { out, env: process.env, stdin: process.stdin })
  .then((code) => {
    process.exitCode = code
    // The command has finished and closed what it opened; waiting for the event loop to empty on its own (sockets
    // winding down, the database's threads) took 50–110 ms more (timestamps of `check --all --demo` on one proxy).
    // So exit once stdout and stderr have flushed: a write's callback runs after every write before it is out.
    let unflushed = 2
    const flushed = () => {
      if (--unflushed === 0) process.exit(code)
    }
    process.stdout.write('', flushed)
    process.stderr.write('', flushed)
    // A reader that never takes the output must not hang a script either.
    setTimeout(() => process.exit(code), 2_000).unref()
  })
  .catch((err: unknown) => {
    out.error('internal', `Something went wrong inside iproxy: ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  })
