#!/usr/bin/env node
// Runs the compiled CLI; `npm install` (the `prepare` script) compiles it into dist/.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('graphcool-generator is not built: run "npm run build" in its folder.');
  process.exit(1);
}
await import(cli.href);
