'use strict';
// Entry of the worker thread that runs stack code (see stack-runner.ts). Plain JavaScript beside the
// sources, because the compiled build does not copy it: it registers tsx for the stacks (TypeScript),
// then loads the worker's main module the pool names, compiled (build/) or TypeScript (lib/).
require('tsx/cjs');
require(require('worker_threads').workerData.main);
