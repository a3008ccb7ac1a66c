/**
 * Write points: the moments of a build at which a crash could leave files in
 * between two states (before a temporary file is created, before it is filled,
 * before and after each rename). The crash-safety test stops a real build at
 * each one in turn with `BRIEFDECK_CRASH_AT_WRITE_POINT=N`: the build kills itself
 * with SIGKILL at its Nth write point, exactly as a `kill -9` there would, and
 * names each point it passes before that on standard error (so a build with a
 * number past its last point lists them all). Without the variable a write point
 * does nothing.
 *
 * The count of points passed is per process, kept here (the one piece of
 * module state in briefdeck, and only for that test): a build is one process.
 */

/** The write point to crash at, from the environment; read once. */
const crashAt = Number(process.env.BRIEFDECK_CRASH_AT_WRITE_POINT ?? 0);
let passed = 0;

/**
 * Mark a write point. `what` and `path` say which, printed to standard error
 * (for the test's report) just before the crash.
 */
export function writePoint(what: string, path: string): void {
  if (!(crashAt > 0)) return;
  passed += 1;
  if (passed !== crashAt) {
    if (passed < crashAt) process.stderr.write(`briefdeck: write point ${passed}: ${what} ${path}\n`);
    return;
  }
  process.stderr.write(`briefdeck: crashing at write point ${passed}: ${what} ${path}\n`);
  process.kill(process.pid, 'SIGKILL');
}
