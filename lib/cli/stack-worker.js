'use strict';
// Entry of the worker thread that runs stack code (see stack-runner.ts): TypeScript through tsx.
require('tsx/cjs');
require('./stack-worker-main.ts');
