#!/usr/bin/env node
'use strict';
// The CLI runs compiled (build/, made by `npm ci` through `prepare`) when that matches lib/, and from
// the TypeScript sources through tsx otherwise. Either way, stacks written in TypeScript load through tsx.
const args = process.argv.slice(2);
// `gitplane --version` alone answers before loading the CLI (yargs and the commands take longer than
// node's own start); any other use of the flag goes through yargs, which prints the same line.
if (args.length === 1 && args[0] === '--version') {
  process.stdout.write(`${require('../../package.json').version}\n`);
  return;
}
const compiled = require('./build-info').freshBuild();
let runExecutable;
if (compiled) {
  ({ runExecutable } = require(compiled));
} else {
  require('tsx/cjs');
  ({ runExecutable } = require('./main.ts'));
}

// Stack code runs in a worker thread, where process.exit() ends only that thread. Should the process
// still end before the command has finished (a dependency calling process.exit, an await that can
// never resume), that is an error, never a silent exit code 0.
let finished = false;
process.on('exit', (code) => {
  if (finished) return;
  process.stderr.write(`error: gitplane stopped before the command finished (exit code ${code}). ` +
    'Fix: run the command again with --debug; if it repeats, report it\n');
  process.exitCode = 1;
});

runExecutable(args).then((code) => {
  finished = true;
  process.exitCode = code;
});
