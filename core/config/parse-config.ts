import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { BotConfigSchema, type BotConfig } from './bot-config.ts';

/** One problem in a config, located by its path (e.g. `scenarios.0.collect_fields.2.type`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

export type ConfigParseResult =
  | { ok: true; config: BotConfig }
  | { ok: false; kind: 'syntax' | 'schema' | 'size'; issues: ConfigIssue[] };

/** Turns zod issues into path-addressed messages. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  return issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/**
 * Shapes no config (or request body) may have, found before any schema walks the value: `__proto__`/`constructor`/
 * `prototype` keys anywhere (JSON.parse and YAML keep them as own keys), nesting deeper than 64 levels, and a value
 * that contains itself (a YAML alias inside its own anchor, `&a [*a]`).
 */
export function shapeIssues(value: unknown, path: string[] = [], ancestors = new Set<object>()): ConfigIssue[] {
  if (value === null || typeof value !== 'object') return [];
  const at = path.join('.') || '(root)';
  if (ancestors.has(value)) return [{ path: at, message: 'the value refers to itself (a YAML alias inside its own anchor)' }];
  if (path.length >= MAX_DEPTH) return [{ path: at, message: `nested deeper than ${MAX_DEPTH} levels` }];
  ancestors.add(value);
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) issues.push({ path: [...path, key].join('.'), message: `key "${key}" is not allowed` });
    else issues.push(...shapeIssues((value as Record<string, unknown>)[key], [...path, key], ancestors));
    if (issues.length >= 20) break;
  }
  ancestors.delete(value);
  return issues;
}

/** UTF-8 bytes a config may take as JSON once every YAML alias is expanded (the size of a request body). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) n += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

/**
 * Where a value passes `max` bytes as JSON, counting each alias of a YAML anchor as the copy it becomes when
 * stored: one 0.9 MB anchor aliased 99 times is a 90 MB config. The walk stops at the cap, so it costs at most
 * `max` steps however large the expansion.
 */
export function expandedSizeIssue(value: unknown, max = MAX_CONFIG_BYTES): ConfigIssue | null {
  let size = 0;
  const walk = (v: unknown, path: string[]): ConfigIssue | null => {
    if (v === null || typeof v !== 'object') {
      size += typeof v === 'string' ? utf8Length(v) + 2 : String(v).length;
    } else {
      size += 2;
      for (const [key, child] of Object.entries(v)) {
        size += utf8Length(key) + 4;
        const issue = size > max ? null : walk(child, [...path, key]);
        if (issue) return issue;
        if (size > max) break;
      }
    }
    if (size <= max) return null;
    return { path: path.join('.') || '(root)', message: `config exceeds ${max} bytes once YAML aliases are expanded (split repeated parts or remove aliases)` };
  };
  return walk(value, []);
}

/** Validates an already-parsed object as a bot config. */
export function validateBotConfig(value: unknown): ConfigParseResult {
  const forbidden = shapeIssues(value);
  if (forbidden.length) return { ok: false, kind: 'schema', issues: forbidden };
  const tooLarge = expandedSizeIssue(value);
  if (tooLarge) return { ok: false, kind: 'size', issues: [tooLarge] };
  const result = BotConfigSchema.safeParse(value);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, kind: 'schema', issues: formatIssues(result.error.issues) };
}

/**
 * Parses bot config text, YAML or JSON (JSON is YAML), and validates it.
 * @example parseBotConfigText(readFileSync('scenarios/salon-bot-1.yaml', 'utf8'))
 */
export function parseBotConfigText(text: string): ConfigParseResult {
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const message = err instanceof YAMLParseError ? err.message.split('\n')[0] ?? err.message : String(err);
    const line = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}` : '(root)';
    return { ok: false, kind: 'syntax', issues: [{ path: line, message }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, kind: 'syntax', issues: [{ path: '(root)', message: 'config must be a YAML/JSON mapping' }] };
  }
  return validateBotConfig(value);
}
