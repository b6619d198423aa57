#!/usr/bin/env node
'use strict';
// The CLI runs compiled (build/, made by `npm ci` through `prepare`) when that matches lib/, and from
// the TypeScript sources through tsx otherwise. Either way, stacks written in TypeScript load through tsx.
const compiled = require('./build-info').freshBuild();
let main;
if (compiled) {
  ({ main } = require(compiled));
} else {
  require('tsx/cjs');
  ({ main } = require('./main.ts'));
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
