/**
 * The CLI loads each command's engines with require() when the command runs (so --version and other
 * commands start without them). Under vitest, require() goes to Node, which needs tsx's hook to load
 * TypeScript, as it has when the CLI itself runs from source (lib/cli/bin.js).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('tsx/cjs/api').register();
