import type { z } from 'zod';
import { ErrorBodySchema } from './errors.ts';

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
