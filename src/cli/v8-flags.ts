/**
 * Imported first by index.ts, before any module that loads undici. undici parses HTTP with llhttp compiled to
 * WebAssembly, and V8 then re-compiles it with its optimising compiler on a background thread that the process
 * waits for at exit: 100–140 ms added to every command that talks HTTP (seen with strace; `npm run bench:cli`
 * shows the CPU time it saves). V8's baseline WebAssembly compiler alone (Liftoff) parses a command's few thousand
 * responses with no difference anyone can see. Plain Node only: the app's main process is left as it is.
 */
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--liftoff-only')
