// Loads every *.spec.mjs here, so that `node --test tests/e2e/` runs them on Node 20, whose test
// runner only picks up files named like *.test.mjs (and never *.spec.mjs) in a directory.
import { readdirSync } from 'node:fs';

const here = new URL('./', import.meta.url);
for (const name of readdirSync(here).filter((file) => file.endsWith('.spec.mjs')).sort()) {
  await import(new URL(name, here));
}
