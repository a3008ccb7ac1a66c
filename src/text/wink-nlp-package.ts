/**
 * The wink-nlp package and its English model package, required when first called.
 * In the prebuilt bundle, scripts/bundle.mjs puts a plain `require('wink-nlp')` in
 * this module's place: esbuild then bundles the package, still run only when
 * called, and compiled from the bundle's V8 code cache rather than from its 40
 * source files (12 ms). The model stays an external package.
 */
import { createRequire } from 'node:module';

export function requireWinkNlp(): unknown {
  return createRequire(import.meta.url)('wink-nlp');
}

export function requireWinkModel(): unknown {
  return createRequire(import.meta.url)('wink-eng-lite-web-model');
}
