/**
 * Several articles built at once, on worker threads of a piscina pool. Each
 * thread runs the bundled worker (`lib/build-worker.cjs`, made by bundle.mjs
 * with the CLI's bundle), so it starts from one JavaScript file instead of
 * transpiling the TypeScript sources again.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BuildOutcome, BuildTask } from './build-one.ts';

/** The worker bundle, in the package's `lib/` folder (this file is `src/node/build-pool.ts`). */
export const WORKER_BUNDLE = fileURLToPath(new URL('../../lib/build-worker.cjs', import.meta.url));

/** The heap cap of a worker in MB: the same as the launcher gives a large article's build. */
const WORKER_HEAP_MB = 1024;

/** Whether the worker bundle is there (a checkout before `npm ci`, or one whose bundle failed, has none). */
export function poolAvailable(): boolean {
  return existsSync(WORKER_BUNDLE);
}

/**
 * Build every task on at most `threads` worker threads; `onDone` is called as each
 * finishes, in the order they finish. The outcomes come back in the tasks' order.
 */
export async function buildInPool(tasks: BuildTask[], threads: number, onDone: (outcome: BuildOutcome) => void): Promise<BuildOutcome[]> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina<BuildTask, BuildOutcome>({
    filename: WORKER_BUNDLE,
    minThreads: Math.min(threads, tasks.length),
    maxThreads: Math.min(threads, tasks.length),
    // One article at a time per thread: a build is CPU-bound.
    concurrentTasksPerWorker: 1,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  try {
    return await Promise.all(
      tasks.map(async (task) => {
        let outcome: BuildOutcome;
        try {
          outcome = await pool.run(task);
        } catch (error) {
          // The worker died (out of memory, a crash): that article failed, the others go on.
          const reason = error instanceof Error ? error.message : String(error);
          outcome = { article: task.article, status: 'internal', stdout: [], stderr: [`briefdeck: internal error (please report it): the worker building ${task.article} stopped: ${reason}`], ms: 0 };
        }
        onDone(outcome);
        return outcome;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
