// dist/hook.cjs, the agent hook's entry (scripts/build.mjs copies it there). It runs the hook's bundle,
// hook-code.cjs beside it, through V8 with hook-code.cache, a code cache made when the bundle was
// built: compiling the bundle, and compiling each function the first time it runs, is then skipped,
// about 10 ms of the 20 ms airlock adds to every command an agent runs.
//
// The cache is used only when it names the bundle's build (the stamp on the bundle's first line) and
// V8 accepts it (same V8 version and flags); otherwise the bundle is compiled as usual. It sits in the
// same folder as the bundle, which self-protection keeps the agent out of: whoever can change one can
// change the other.
'use strict';

const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const CODE = join(__dirname, 'hook-code.cjs');
const CACHE = join(__dirname, 'hook-code.cache');

/** The bundle's build stamp, its first line: `/*airlock-build:<sha256 of the rest>*\/`. */
function stampOf(source) {
  const end = source.indexOf('\n');
  return end > 0 ? source.slice(0, end) : '';
}

/** The V8 cache for exactly this build, without its stamp line; undefined when there is none for it. */
function cacheFor(stamp) {
  let bytes;
  try {
    bytes = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  const line = Buffer.from(`${stamp}\n`);
  return stamp !== '' && bytes.length > line.length && bytes.subarray(0, line.length).equals(line) ? bytes.subarray(line.length) : undefined;
}

/**
 * Runs the bundle as Node would run it as a CommonJS file. With `makeCache`, compiles it without a
 * cache and, when the process exits (every function the run needed is compiled by then), writes one.
 */
function run(makeCache = false) {
  const source = readFileSync(CODE, 'utf8');
  const stamp = stampOf(source);
  const cachedData = makeCache ? undefined : cacheFor(stamp);
  const script = new vm.Script(Module.wrap(source), {
    filename: CODE,
    ...(cachedData ? { cachedData } : {}),
    // The bundle require()s what it loads; should an import() be reached, Node's own loader serves it.
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  if (makeCache) {
    process.once('exit', () => {
      const partial = `${CACHE}.${process.pid}`;
      writeFileSync(partial, Buffer.concat([Buffer.from(`${stamp}\n`), script.createCachedData()]));
      renameSync(partial, CACHE);
    });
  }
  // The bundle's require() resolves from its own folder: node:* builtins, and the packages it loads
  // lazily from the node_modules beside it.
  const module = new Module(CODE, null);
  module.filename = CODE;
  script.runInThisContext()(module.exports, Module.createRequire(CODE), module, CODE, __dirname);
}

if (require.main === module) run();
else module.exports = { run, cacheFor, stampOf, CACHE, CODE };
