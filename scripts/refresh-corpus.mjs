// Copies the shared labelled corpus into the project's fixtures. A user's clone has no ../shared,
// so the tests read the copy; test/corpus.test.ts fails when the copy is stale.
import { copyFileSync } from 'node:fs';
const root = new URL('..', import.meta.url);
copyFileSync(new URL('../shared/corpus/commands.jsonl', root), new URL('test/fixtures/commands.jsonl', root));
console.log('test/fixtures/commands.jsonl refreshed from ../shared/corpus/commands.jsonl');
