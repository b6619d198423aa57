#!/usr/bin/env node
'use strict';
// The CLI is TypeScript run through tsx, so stacks written in TypeScript load without a build step.
require('tsx/cjs');
const { main } = require('./main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
