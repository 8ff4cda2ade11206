import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { DOC_STATUSES } from '../../db/schema.ts';
import { DOC_FORMATS } from '../../../core/knowledge/formats/index.ts';
import { KnowledgeService, KnowledgeUploadError, MAX_TOP_K, MAX_UPLOAD_BYTES, type KnowledgeDocRow } from '../../knowledge/service.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso, requireBot } from '../tenancy.ts';

export const KnowledgeDocSchema = z.object({
  id: z.string(),
  bot_id: z.string(),
  filename: z.string(),
  content_type: z.string(),
  format: z.enum(DOC_FORMATS),
  size_bytes: z.number().int(),
  sha256: z.string(),
  status: z.enum(DOC_STATUSES).describe('pending → processing → ready | failed'),
  error: z.string().nullable().describe('Why indexing failed (or why the last attempt failed while retrying)'),
  chunk_count: z.number().int(),
  page_count: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const KnowledgeHitSchema = z.object({
  chunk_id: z.string(),
  doc_id: z.string(),
  text: z.string(),
  score: z.number().describe('Larger is better; comparable within one response'),
  source: z.string().describe('File name'),
  page: z.number().int().nullable().describe('1-based page (PDF)'),
  section: z.string().nullable().describe('Heading the chunk sits under'),
});

export const toKnowledgeDoc = (d: KnowledgeDocRow) => ({
  id: d.id,
  bot_id: d.botId,
  filename: d.filename,
  content_type: d.contentType,
  format: d.format,
  size_bytes: d.sizeBytes,
  sha256: d.sha256,
  status: d.status,
  error: d.error,
  chunk_count: d.chunkCount,
  page_count: d.pageCount,
  created_at: iso(d.createdAt)!,
  updated_at: iso(d.updatedAt)!,
});

const BotParams = z.object({ id: z.string().min(1) });
const DocParams = BotParams.extend({ docId: z.string().min(1) });
const readers = auth({ allow: ['company', 'service'] });
const writers = auth();
// Multipart framing around a file of MAX_UPLOAD_BYTES.
const uploadLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
  onError: () => {
    throw apiError(413, 'payload_too_large', `file exceeds ${MAX_UPLOAD_BYTES} bytes`);
  },
});

/** `/bots/{id}/knowledge…`: a bot's documents and search. Mounted before `bots` (see app.ts). */
export const knowledge = createRouter();

knowledge.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/knowledge',
    tags: ['knowledge'],
    summary: 'Upload a PDF, DOCX, TXT, Markdown or CSV file (multipart field `file`, ≤ 20 MB) for indexing',
    middleware: [writers, uploadLimit] as const,
    request: {
      params: BotParams,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.custom<File>((v) => v instanceof File, 'a file is required').openapi({ type: 'string', format: 'binary' }) }),
          },
        },
      },
    },
    responses: {
      202: jsonResponse(KnowledgeDocSchema, 'Stored and queued for indexing (status pending)'),
      200: jsonResponse(KnowledgeDocSchema, 'The same file was already uploaded to this bot: the existing doc'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 413: 'File over 20 MB', 415: 'Unsupported file type', 422: 'No file or an empty file' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    try {
      const { doc, created } = await new KnowledgeService(c.env).upload(bot, c.req.valid('form').file);
      return created ? c.json(toKnowledgeDoc(doc), 202) : c.json(toKnowledgeDoc(doc), 200);
    } catch (err) {
      if (err instanceof KnowledgeUploadError) throw apiError(err.status, err.code, err.message);
      throw err;
    }
  },
);

knowledge.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/knowledge',
    tags: ['knowledge'],
    summary: "List the bot's documents with status, chunk count and failure reason",
    middleware: [readers] as const,
    request: { params: BotParams },
    responses: { 200: jsonResponse(z.object({ docs: z.array(KnowledgeDocSchema) }), 'Documents, newest first'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const docs = await new KnowledgeService(c.env).list(bot.id);
    return c.json({ docs: docs.map(toKnowledgeDoc) }, 200);
  },
);

// Registered before `/{id}/knowledge/{docId}` so "search" is never read as a doc id.
knowledge.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/knowledge/search',
    tags: ['knowledge'],
    summary: "Search the bot's ready documents (BM25, fused with vector search when configured)",
    middleware: [readers] as const,
    request: {
      params: BotParams,
      query: z.object({
        q: z.string().trim().min(1).max(1000).describe('The question, e.g. "Сколько стоит стрижка?"'),
        top_k: z.coerce.number().int().min(1).max(MAX_TOP_K).default(5),
      }),
    },
    responses: { 200: jsonResponse(z.object({ results: z.array(KnowledgeHitSchema) }), 'Best chunks first'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 422: 'Bad q or top_k' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const { q, top_k } = c.req.valid('query');
    return c.json({ results: await new KnowledgeService(c.env).search(bot.id, q, top_k) }, 200);
  },
);

knowledge.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/knowledge/{docId}',
    tags: ['knowledge'],
    summary: 'One document',
    middleware: [readers] as const,
    request: { params: DocParams },
    responses: { 200: jsonResponse(KnowledgeDocSchema, 'Document'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or document not found' }) },
  }),
  async (c) => {
    const { id, docId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const doc = await new KnowledgeService(c.env).get(bot.id, docId);
    if (!doc) throw apiError(404, 'not_found', 'document not found');
    return c.json(toKnowledgeDoc(doc), 200);
  },
);

knowledge.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}/knowledge/{docId}',
    tags: ['knowledge'],
    summary: 'Delete a document, its chunks, index entries and stored file',
    middleware: [writers] as const,
    request: { params: DocParams },
    responses: { 204: { description: 'Deleted' }, ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or document not found' }) },
  }),
  async (c) => {
    const { id, docId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    if (!(await new KnowledgeService(c.env).delete(bot.id, docId))) throw apiError(404, 'not_found', 'document not found');
    return c.body(null, 204);
  },
);

knowledge.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}/knowledge',
    tags: ['knowledge'],
    summary: "Delete all of the bot's documents",
    middleware: [writers] as const,
    request: { params: BotParams },
    responses: { 200: jsonResponse(z.object({ deleted: z.number().int() }), 'How many documents were deleted'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    return c.json({ deleted: await new KnowledgeService(c.env).clearBot(bot.id) }, 200);
  },
);
