import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { describeError } from '../lib/safe-error.ts';

/** The one error body every endpoint answers with. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

interface ErrorCause {
  code: string;
  details?: unknown;
}

/**
 * A request-level failure rendered by `onError` as `{ error: { code, message, details? } }`.
 * @example throw apiError(404, 'not_found', 'bot not found')
 */
export function apiError(status: ContentfulStatusCode, code: string, message: string, details?: unknown): HTTPException {
  return new HTTPException(status, { message, cause: { code, details } satisfies ErrorCause });
}

/** Path-addressed validation problem, as in `details` of a 422. */
export interface FieldIssue {
  path: string;
  message: string;
}

export function zodIssues(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldIssue[] {
  return issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: i.message,
  }));
}

const DEFAULT_CODES: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
};

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof HTTPException) {
    const cause = (err.cause ?? {}) as Partial<ErrorCause>;
    const code = cause.code ?? DEFAULT_CODES[err.status] ?? 'error';
    const body: ErrorBody = { error: { code, message: err.message || code } };
    if (cause.details !== undefined) body.error.details = cause.details;
    return c.json(body, err.status);
  }
  console.error(JSON.stringify({ msg: 'unhandled error', requestId: c.get('requestId'), error: describeError(err) }));
  return c.json({ error: { code: 'internal_error', message: 'internal error' } } satisfies ErrorBody, 500);
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } } satisfies ErrorBody, 404);
