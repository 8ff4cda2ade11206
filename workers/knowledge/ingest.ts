import { eq } from 'drizzle-orm';
import type { CountTokens, DocChunk } from '../../core/knowledge/index.ts';
import { db, schema } from '../db/client.ts';
import type { Env, IngestJob } from '../env.ts';
import type { DenseRetrieval } from './dense.ts';
import { chunkWithinBudget } from '../../core/knowledge/chunk-budget.ts';
import { DocumentParseError, INGEST_LIMITS, parseDocument, type IngestLimits } from '../../core/knowledge/formats/index.ts';
import { chunkId } from '../../core/knowledge/ids.ts';
import { deleteDocChunksStatements, writeChunksStatements, type StoredChunk } from './index/bm25.ts';
import { loadTokenCounter } from '../../core/knowledge/tokenizer.ts';

/** A document may produce at most this many chunks; bigger ones fail with a reason. */
export const MAX_CHUNKS_PER_DOC = INGEST_LIMITS.maxChunks;

/** Attempts that ended without a word (the isolate died: out of memory or CPU) before the doc fails for good. */
export const MAX_INTERRUPTED_ATTEMPTS = 2;

export interface IngestDeps {
  /** Production path (Ollama + Qdrant); null → BM25 only. */
  dense: DenseRetrieval | null;
  /** Defaults to the lazily loaded cl100k tokenizer. */
  countTokens?: CountTokens;
  /** Defaults to INGEST_LIMITS. */
  limits?: IngestLimits;
}

/** What happened to one job: `ready`/`failed` are final for the doc, `skipped` means nothing to do. */
export type IngestOutcome = 'ready' | 'failed' | 'skipped';

const now = () => Date.now();

/** Mark a document failed with a reason the company can read. */
export async function markDocFailed(env: Env, docId: string, reason: string): Promise<void> {
  await db(env.DB).update(schema.knowledgeDocs).set({ status: 'failed', error: reason.slice(0, 1000), updatedAt: now() })
    .where(eq(schema.knowledgeDocs.id, docId));
}

/** The text embedded for a chunk: its heading gives the vector the context the text alone may lack. */
export const embeddingText = (c: DocChunk) => (c.section && !c.text.startsWith(c.section) ? `${c.section}\n${c.text}` : c.text);

/**
 * Index one uploaded document: read the original from R2, parse, chunk (500/50 tokens), embed and upsert to
 * Qdrant when configured, then write chunks + FTS rows and flip the status to `ready` in one D1 batch.
 * Parsing and chunking run under `limits`; whatever goes wrong there is final (the same bytes would fail the
 * same way), so the doc ends `failed` with a reason at once. Only storage and vector-service errors are thrown
 * for the queue to retry. A doc found still `processing` after MAX_INTERRUPTED_ATTEMPTS starts killed its
 * isolate each time and is failed rather than tried again.
 */
export async function processIngest(env: Env, job: IngestJob, deps: IngestDeps): Promise<IngestOutcome> {
  const d = db(env.DB);
  const doc = await d.select().from(schema.knowledgeDocs).where(eq(schema.knowledgeDocs.id, job.docId)).get();
  if (!doc || doc.botId !== job.botId || doc.status === 'ready' || doc.status === 'failed') return 'skipped';
  if (doc.status === 'processing' && doc.attempts >= MAX_INTERRUPTED_ATTEMPTS) {
    await markDocFailed(env, doc.id, `Обработка файла прерывалась ${doc.attempts} раза — файл слишком тяжёлый; разделите его на части (indexing was interrupted repeatedly).`);
    return 'failed';
  }
  await d.update(schema.knowledgeDocs).set({ status: 'processing', attempts: doc.attempts + 1, updatedAt: now() })
    .where(eq(schema.knowledgeDocs.id, doc.id));

  const object = await env.FILES.get(doc.r2Key);
  if (!object) {
    await markDocFailed(env, doc.id, 'Исходный файл не найден в хранилище — загрузите его снова (the original file is missing).');
    return 'failed';
  }
  const bytes = new Uint8Array(await object.arrayBuffer());

  let chunks: DocChunk[];
  let pageCount: number | null = null;
  const countTokens = deps.countTokens ?? (await loadTokenCounter());
  try {
    const limits = deps.limits ?? INGEST_LIMITS;
    const parsed = await parseDocument(doc.format, bytes, limits);
    pageCount = parsed.pageCount ?? null;
    chunks = chunkWithinBudget(parsed.sections, { source: doc.filename, countTokens }, limits);
  } catch (err) {
    if (!(err instanceof DocumentParseError)) {
      console.error(JSON.stringify({ msg: 'document parser crashed', docId: doc.id, format: doc.format, error: err instanceof Error ? err.name : 'unknown' }));
    }
    await markDocFailed(env, doc.id, err instanceof DocumentParseError ? err.message : 'Не удалось разобрать файл — проверьте, что он открывается, и загрузите снова (the file cannot be parsed).');
    return 'failed';
  }

  const stored: StoredChunk[] = await Promise.all(chunks.map(async (c) => ({ ...c, id: await chunkId(doc.id, c.ord) })));
  if (deps.dense) {
    const vectors = await deps.dense.embedder.embed(stored.map(embeddingText));
    await deps.dense.index.upsert(stored.map((c, i) => ({
      id: c.id,
      vector: vectors[i]!,
      payload: { bot_id: doc.botId, doc_id: doc.id, company_id: doc.companyId, ord: c.ord, source: c.source, page: c.page, section: c.section },
    })));
  }

  const results = await env.DB.batch([
    ...writeChunksStatements(env.DB, doc, stored),
    env.DB.prepare("UPDATE knowledge_docs SET status = 'ready', error = NULL, chunk_count = ?, page_count = ?, updated_at = ? WHERE id = ?")
      .bind(stored.length, pageCount, now(), doc.id),
  ]);
  if (results.at(-1)?.meta.changes === 0) {
    // Deleted while we were indexing: take the rows back out.
    await env.DB.batch(deleteDocChunksStatements(env.DB, doc.id));
    if (deps.dense) await deps.dense.index.deleteDoc(doc.botId, doc.id);
    return 'skipped';
  }
  return 'ready';
}
