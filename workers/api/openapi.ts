import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { ErrorBodySchema } from './errors.ts';
import { MAX_BODY_BYTES } from './limits.ts';

/** An OpenAPI response with a JSON body. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Error responses in the common `{ error }` shape, e.g. `...errorResponses({ 401: 'Missing key', 404: 'Bot not found' })`. */
export function errorResponses<S extends number>(descriptions: Record<S, string>) {
  const out = {} as Record<S, ReturnType<typeof jsonResponse<typeof ErrorBodySchema>>>;
  for (const [status, description] of Object.entries(descriptions) as [`${S}`, string][]) {
    out[Number(status) as S] = jsonResponse(ErrorBodySchema, description);
  }
  return out;
}

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPIDocument']>;
type SchemaObject = NonNullable<NonNullable<OpenApiDocument['components']>['schemas']>[string];
type Security = Record<string, string[]>[];
interface Operation {
  security?: Security;
  requestBody?: unknown;
  parameters?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}

/** The three credentials the API accepts, each an HTTP bearer token (checked by `auth()` in auth.ts). */
export const SECURITY_SCHEMES = {
  companyKey: { type: 'http', scheme: 'bearer', description: 'A company API key (`POST /companies/{id}/api-keys`): every tenant route.' },
  adminKey: { type: 'http', scheme: 'bearer', description: 'The platform admin key (`ADMIN_API_KEY`): creates companies, reads them and manages their keys; maintenance jobs.' },
  agentHostToken: { type: 'http', scheme: 'bearer', description: 'The agent-host service token (`AGENT_HOST_TOKEN`): `/internal/*` and knowledge reads.' },
} as const;

/** Who may call what — mirrors the `auth({ allow })` of each route file. */
function securityFor(method: string, path: string): Security {
  if (path === '/health' || path.startsWith('/panel/')) return [];
  if (path.startsWith('/internal/')) return [{ agentHostToken: [] }];
  if ((path === '/companies' && method === 'post') || path.startsWith('/maintenance/')) return [{ adminKey: [] }];
  if (path.startsWith('/companies/')) return [{ companyKey: [] }, { adminKey: [] }];
  if (method === 'get' && path.startsWith('/bots/{id}/knowledge')) return [{ companyKey: [] }, { agentHostToken: [] }];
  return [{ companyKey: [] }];
}

const INFO = {
  title: 'Voicebot platform API',
  version: '0.1.0',
  description: [
    'Admin API for AI voice bots: companies and keys, bots and their YAML configs, knowledge documents, phone numbers,',
    'outbound calls, call history, webhooks and analytics.',
    '',
    '**Authentication**: `Authorization: Bearer <key>` — a company key for tenant routes, the platform admin key for',
    '`POST /companies`, the agent-host token for `/internal/*`; each operation lists what it accepts.',
    '',
    '**Errors** always have the body `{ "error": { "code", "message", "details"? } }` (schema `Error`). `422 validation_failed`',
    'lists each bad field in `details` as `{ path, message }`; unknown fields in JSON bodies are rejected with 422.',
    '',
    '**Webhooks** are signed by the Standard Webhooks spec (`webhook-id`, `webhook-timestamp`, `webhook-signature`): see docs/webhooks.md.',
  ].join('\n'),
};

/** What each tag groups, in the order the reference lists them. */
const TAGS = [
  { name: 'companies', description: 'Companies (created with the platform admin key) and their bots.' },
  { name: 'api-keys', description: "A company's API keys: issue (shown once), list, revoke." },
  { name: 'bots', description: 'Bots and their YAML/JSON configs (scenarios, fields, knowledge, providers).' },
  { name: 'knowledge', description: "A bot's documents (PDF, DOCX, TXT/Markdown, CSV) and search over them." },
  { name: 'booking', description: 'The built-in calendar: services, staff, working hours, appointments, free slots.' },
  { name: 'telephony', description: 'Phone numbers routed to a bot, and outbound calls.' },
  { name: 'calls', description: 'Call history: transcript, fields, outcome, summary, recordings.' },
  { name: 'webhooks', description: 'Signed `call.completed` events (Standard Webhooks), deliveries and redelivery.' },
  { name: 'analytics', description: 'Calls, outcomes, conversion, latency and calls by hour.' },
  { name: 'internal', description: 'For the agent-host only (service token): bot runtime, number lookup, call results.' },
  { name: 'maintenance', description: 'Platform jobs (admin key).' },
  { name: 'ops', description: 'Health.' },
];

/** The JSON schema the generator emits for ErrorBodySchema (from a one-route probe document). */
function errorJsonSchema(): SchemaObject {
  const probe = new OpenAPIHono();
  probe.openapi(createRoute({ method: 'get', path: '/', responses: { 400: jsonResponse(ErrorBodySchema, 'probe') } }), (c) =>
    c.json({ error: { code: 'probe', message: 'probe' } }, 400));
  const op = probe.getOpenAPIDocument({ openapi: '3.0.3', info: INFO }).paths['/']?.get as Operation | undefined;
  const schema = op?.responses['400']?.content?.['application/json']?.schema;
  if (!schema) throw new Error('openapi: no schema generated for ErrorBodySchema');
  return schema as SchemaObject;
}

/**
 * What every route's edge may answer before its handler runs, stated so clients (and Schemathesis) know the limits:
 * a body that is not JSON (400), over the body limit (413), of a type the route does not take (415), and
 * parameters, query or body failing their schema — lengths, ranges, formats shown in each schema — (422).
 */
function documentEdgeErrors(op: Operation, path: string, error: (description: string) => Operation['responses'][string]): void {
  const params = op.parameters ?? [];
  if (op.requestBody) {
    op.responses['400'] ??= error('Body is not valid JSON (`invalid_json`)');
    op.responses['413'] ??= error(UPLOAD_PATH.test(path) ? 'File over the upload limit (`payload_too_large`)' : `Body over ${MAX_BODY_BYTES} bytes (\`payload_too_large\`)`);
    op.responses['415'] ??= error('Content type the route does not take (`unsupported_media_type`)');
  }
  if (op.requestBody || params.length) op.responses['422'] ??= error('Parameters, query or body fail their schema (`validation_failed`); `details` names each path');
}

const UPLOAD_PATH = /^\/bots\/\{id\}\/knowledge$/;

/**
 * The OpenAPI document of `app`: each route's own zod schemas, plus per-operation security, a `401` on every
 * authenticated operation, a `500 internal_error` everywhere, and one shared `Error` schema that every error
 * response references.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  const doc = app.getOpenAPIDocument({ openapi: '3.0.3', info: INFO, security: [{ companyKey: [] }], tags: TAGS });
  const errorSchema = errorJsonSchema();
  const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
  const same = JSON.stringify(errorSchema);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      op.security = securityFor(method, path);
      if (op.security.length) op.responses['401'] ??= error('Missing, invalid or revoked key (`unauthorized`)');
      op.responses['500'] ??= error('Unexpected failure (`internal_error`)');
      documentEdgeErrors(op, path, error);
      for (const response of Object.values(op.responses)) {
        const json = response.content?.['application/json'];
        if (json && JSON.stringify(json.schema) === same) json.schema = { $ref: '#/components/schemas/Error' };
      }
    }
  }
  doc.components = {
    ...doc.components,
    securitySchemes: { ...SECURITY_SCHEMES },
    schemas: { ...doc.components?.schemas, Error: errorSchema },
  };
  return doc;
}
