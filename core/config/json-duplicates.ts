/**
 * The path of the first key that appears twice in one object of a JSON text (`company.name`), or null. JSON.parse
 * keeps the last of duplicate keys without a word, so `{"greeting": "a", "greeting": "b"}` would save a config
 * its author did not read; YAML refuses duplicates, and JSON bodies are held to the same rule. One linear pass;
 * call it on text JSON.parse has already accepted.
 */
export function duplicateJsonKey(text: string): string | null {
  type Frame = { keys: Set<string> | null; path: string; key: string | null; index: number };
  const stack: Frame[] = [];
  const here = (f: Frame | undefined) => (f ? (f.keys ? f.key ?? '' : String(f.index)) : '');
  const pathOf = (f: Frame | undefined, child: string) => (f && f.path ? `${f.path}.${child}` : child);
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return pathOf(top, key);
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      const parent = stack[stack.length - 1];
      const path = parent ? pathOf(parent, here(parent)) : '';
      stack.push({ keys: ch === '{' ? new Set() : null, path, key: null, index: 0 });
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}
