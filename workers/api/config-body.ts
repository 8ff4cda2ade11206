import type { Context } from 'hono';
import { shapeIssues, parseBotConfigText, validateBotConfig, type BotConfig, type ConfigParseResult } from '../../core/index.ts';
import { duplicateJsonKey } from '../../core/config/json-duplicates.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from './errors.ts';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

function unwrap(result: ConfigParseResult, prefix: string): BotConfig {
  if (result.ok) return result.config;
  const details = result.issues.map((i) => ({ path: prefix + i.path, message: i.message }));
  if (result.kind === 'syntax') throw apiError(422, 'invalid_yaml', 'config is not valid YAML/JSON', details);
  if (result.kind === 'size') throw apiError(413, 'config_too_large', 'config is too large once YAML aliases are expanded', details);
  throw apiError(422, 'invalid_config', 'bot config failed validation', details);
}

/** Validates a config given as an object or as YAML text (e.g. `config` in a JSON body). */
export function configFromValue(value: unknown, prefix = ''): BotConfig {
  return unwrap(typeof value === 'string' ? parseBotConfigText(value) : validateBotConfig(value), prefix);
}

/** The JSON body, or 400 `invalid_json`; 422 for a duplicate key, `__proto__`-like keys anywhere (zod would drop them silently) or absurd nesting. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  let body: unknown;
  const text = await c.req.text();
  try {
    body = JSON.parse(text);
  } catch {
    throw apiError(400, 'invalid_json', 'body is not valid JSON');
  }
  const duplicate = duplicateJsonKey(text);
  if (duplicate !== null) throw apiError(422, 'validation_failed', 'request is invalid', [{ path: `json.${duplicate}`, message: 'duplicate key (JSON keeps only the last one; YAML refuses it too)' }]);
  const forbidden = shapeIssues(body);
  if (forbidden.length) throw apiError(422, 'validation_failed', 'request is invalid', forbidden.map((i) => ({ path: `json.${i.path}`, message: i.message })));
  return body;
}

/**
 * Reads a bot config from the request body: `application/yaml` (or text) as YAML, `application/json` as JSON.
 * Every problem is reported as a 422 with one `{ path, message }` per bad field.
 */
export async function readConfigBody(c: Context<AppEnv>): Promise<BotConfig> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return configFromValue(await readJson(c));
  // Decoded by hand: workerd warns when .text() reads a body whose type (application/yaml) it does not know as text.
  if (YAML_TYPES.includes(type)) return configFromValue(new TextDecoder().decode(await c.req.arrayBuffer()));
  throw apiError(415, 'unsupported_media_type', 'send the config as application/yaml or application/json');
}
