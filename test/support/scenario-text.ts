import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The text of a bundled config, `scenarios/<file>` (Node tests; workerd tests import it with `?raw`). */
export function scenarioText(file: string): string {
  return readFileSync(`${root}scenarios/${file}`, 'utf8');
}
