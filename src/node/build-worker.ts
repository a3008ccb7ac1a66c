/**
 * The worker threads' entry point: one article's build per task. bundle.mjs
 * bundles it into `lib/build-worker.cjs`, which the pool's threads run, so a
 * worker loads plain JavaScript (no TypeScript loader) and one file.
 */
import { buildOutcome, type BuildOutcome, type BuildTask } from './build-one.ts';

export default function buildTask(task: BuildTask): Promise<BuildOutcome> {
  return buildOutcome(task);
}
