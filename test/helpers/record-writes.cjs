/**
 * Preloaded (`node --require`) into a briefdeck run by test/node/package-writes.test.ts: records
 * the path of every file or folder the process writes, makes, renames or removes, one a line, in
 * the file BRIEFDECK_WRITES_LOG names; and makes the tagger's model cache look missing, when
 * BRIEFDECK_HIDE_TAGGER_CACHE is set, so the run takes the path of a fresh clone with no cache.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { syncBuiltinESMExports } = require('node:module');

const log = process.env.BRIEFDECK_WRITES_LOG;
const hidden = process.env.BRIEFDECK_HIDE_TAGGER_CACHE;
const appendFileSync = fs.appendFileSync;
// appendFileSync itself calls the (wrapped) writeFileSync: its own write is not recorded.
let recording = false;
const record = (target) => {
  if (recording || !log || !(typeof target === 'string' || target instanceof URL)) return;
  recording = true;
  try {
    appendFileSync(log, `${path.resolve(target instanceof URL ? target.pathname : target)}\n`);
  } finally {
    recording = false;
  }
};
const writesFlags = (flags) => typeof flags === 'string' && /[wa+]/.test(flags);

const WRITERS = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'copyFile', 'cp', 'truncate', 'symlink', 'link', 'utimes', 'chmod'];
const TWO_PATHS = ['rename', 'copyFile', 'cp', 'symlink', 'link'];

function wrap(object, name, sync) {
  const original = object[name];
  if (typeof original !== 'function') return;
  object[name] = function (...args) {
    if (name === 'open' ? writesFlags(args[1]) : name === 'createWriteStream' || WRITERS.includes(name.replace(/Sync$/, '')) || TWO_PATHS.includes(name.replace(/Sync$/, ''))) {
      record(args[0]);
      if (TWO_PATHS.includes(name.replace(/Sync$/, ''))) record(args[1]);
    }
    if (hidden && (name === 'readFileSync' || name === 'readFile') && typeof args[0] === 'string' && path.resolve(args[0]) === path.resolve(hidden)) {
      const error = Object.assign(new Error(`ENOENT: no such file or directory, open '${args[0]}'`), { code: 'ENOENT' });
      if (sync) throw error;
      if (object === fs.promises) return Promise.reject(error);
      const callback = args[args.length - 1];
      if (typeof callback === 'function') return void process.nextTick(callback, error);
    }
    return original.apply(this, args);
  };
}

for (const base of [...WRITERS, 'rename', 'open', 'readFile']) {
  wrap(fs, base, false);
  wrap(fs, `${base}Sync`, true);
  wrap(fs.promises, base, false);
}
wrap(fs, 'createWriteStream', true);
syncBuiltinESMExports();
