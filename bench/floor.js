'use strict';
// The floor of a synth as a whole process: start node, read the objects (one JSON file), serialize each
// with JSON.stringify and write one file per object. Usage: node bench/floor.js objects.json outdir
const fs = require('fs');
const path = require('path');
const [input, outDir] = process.argv.slice(2);
const made = new Set();
for (const { file, object } of JSON.parse(fs.readFileSync(input, 'utf8'))) {
  const target = path.join(outDir, file);
  const dir = path.dirname(target);
  if (!made.has(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  fs.writeFileSync(target, JSON.stringify(object));
}
