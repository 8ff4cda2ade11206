import { realpathSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `--help` / `-h` for a bench entry: prints the file's leading doc comment (what it measures and its options) and
 * exits 0. Does nothing when the file is imported by another entry rather than run.
 */
export function answerHelp(entryUrl: string, argv = process.argv): void {
  if (!argv.slice(2).some((a) => a === '--help' || a === '-h')) return;
  const file = fileURLToPath(entryUrl);
  try {
    if (!argv[1] || realpathSync(argv[1]) !== realpathSync(file)) return;
  } catch {
    return;
  }
  const doc = /^\s*\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  console.log(doc.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim());
  process.exit(0);
}
