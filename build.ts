/**
 * briefdeck's `bin`: the process around `main` (src/node/cli.ts). The only file
 * that touches `process`: arguments, streams, environment, exit code, Ctrl-C.
 */
import { getEventListeners } from 'node:events';
import { main } from './src/node/cli.ts';

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Watch mode listens and closes its server; a plain build stops at once, as without this handler.
    if (getEventListeners(stop.signal, 'abort').length > 0) stop.abort();
    else process.kill(process.pid, signal);
  });
}

void main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY),
  signal: stop.signal,
}).then((code) => {
  process.exitCode = code;
});
