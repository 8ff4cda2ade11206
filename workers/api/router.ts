import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { apiError, zodIssues } from './errors.ts';

/**
 * A sub-app for one resource. Validation failures of params, query and JSON bodies become
 * `422 validation_failed` with one `{ path, message }` per bad field (path prefixed by the request part).
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw apiError(422, 'validation_failed', 'request is invalid', zodIssues(result.error.issues, result.target));
      }
    },
  });
}
