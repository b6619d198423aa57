'use strict';
// Preloaded into measured processes (node --require): writes the peak resident set size, in bytes,
// to $BENCH_RSS_FILE when the process exits.
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
