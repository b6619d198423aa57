'use strict';
/**
 * The compiled CLI in build/ (made by `npm run build`, which `npm ci` runs through `prepare`) is used
 * only while it matches lib/: the build writes a stamp with the number of TypeScript files, and the
 * build is stale when that number changed or any file under lib/ is newer than the stamp (an edit, a
 * pull, a checkout). Plain JavaScript, because it decides whether TypeScript needs tsx at all.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');

/** Calls `visit(file)` for every .ts file under `dir`. */
function walkSources(visit, dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walkSources(visit, full);
    else if (entry.name.endsWith('.ts')) visit(full);
  }
}

/**
 * The compiled entry point when `root`/build is current, else undefined (then the CLI runs from
 * source). GITPLANE_FROM_SOURCE=1 always runs from source.
 */
function freshBuild(root = ROOT) {
  if (process.env.GITPLANE_FROM_SOURCE === '1') return undefined;
  let built;
  let expected;
  try {
    const stamp = path.join(root, 'build', '.stamp');
    built = fs.statSync(stamp).mtimeMs;
    expected = Number(fs.readFileSync(stamp, 'utf8'));
  } catch {
    return undefined;
  }
  let count = 0;
  let newer = false;
  walkSources((file) => {
    count++;
    if (!newer && fs.statSync(file).mtimeMs >= built) newer = true; // same tick: assume edited after
  }, path.join(root, 'lib'));
  if (newer || count !== expected) return undefined;
  const main = path.join(root, 'build', 'cli', 'main.js');
  return fs.existsSync(main) ? main : undefined;
}

function writeStamp(root = ROOT) {
  let count = 0;
  walkSources(() => { count++; }, path.join(root, 'lib'));
  fs.writeFileSync(path.join(root, 'build', '.stamp'), String(count));
}

module.exports = { freshBuild, writeStamp };

if (require.main === module) {
  if (process.argv[2] === '--clean') fs.rmSync(path.join(ROOT, 'build'), { recursive: true, force: true });
  else if (process.argv[2] === '--stamp') writeStamp();
  else throw new Error('usage: node lib/cli/build-info.js --clean | --stamp');
}
