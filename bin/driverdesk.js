#!/usr/bin/env node
// The bin runs the compiled CLI; `npm install` builds it (the `prepare` script).
import('../dist/src/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('driverdesk: the build is missing; run `npm install` (or `npm run build`) first\n');
    process.exit(1);
  }
  throw error;
});
