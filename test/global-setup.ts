/**
 * Before any test: remake the package's bundle if a source changed since it was made. Most CLI
 * tests run the real `bin` (scripts/briefdeck.mjs), which would otherwise remake it in the first
 * tests that start it, each adding a "briefdeck: rebuilt ..." line to the standard error they check.
 */
import { bundle, MANIFEST_PATH, staleInputs } from '../scripts/bundle.mjs';
import { readFileSync } from 'node:fs';

export default async function freshBundle(): Promise<void> {
  let manifest: string | undefined;
  try {
    manifest = readFileSync(MANIFEST_PATH, 'utf8');
  } catch {
    manifest = undefined;
  }
  if (staleInputs(manifest).length > 0) await bundle();
}
