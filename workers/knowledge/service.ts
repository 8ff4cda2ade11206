import { and, desc, eq } from 'drizzle-orm';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { newId } from '../lib/ids.ts';
import { stripUnsafeChars } from '../lib/text.ts';
import { denseFromEnv, type DenseRetrieval } from './dense.ts';
import { detectFormat, type DocFormat } from '../../core/knowledge/formats/index.ts';
import { sniffFormat } from '../../core/knowledge/formats/sniff.ts';
import { bm25Search, deleteBotChunksStatements, deleteDocChunksStatements, type ChunkHit } from './index/bm25.ts';
import { fuseRanks } from './fusion.ts';

export type KnowledgeDocRow = typeof schema.knowledgeDocs.$inferSelect;

/** Largest accepted upload. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_TOP_K = 50;
/** A doc pending or processing for longer than this is stuck (its message was lost or its isolate died). */
export const STALE_DOC_MS = 30 * 60_000;

/** The upload cannot be accepted; `status` is the HTTP status the API answers with. */
export class KnowledgeUploadError extends Error {
  override readonly name = 'KnowledgeUploadError';
  constructor(
    readonly status: 413 | 415 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Whose knowledge base: a bot and the company that owns it. */
export interface BotRef {
  id: string;
  companyId: string;
}

const safeName = (name: string) => stripUnsafeChars(name.split(/[\\/]/).pop() ?? '').slice(0, 200) || 'file';

/** A failed doc, or one stuck in pending/processing for STALE_DOC_MS, is queued again when uploaded again. */
const needsRequeue = (doc: KnowledgeDocRow, now: number) =>
  doc.status === 'failed' || ((doc.status === 'pending' || doc.status === 'processing') && now - doc.updatedAt > STALE_DOC_MS);

/**
 * A bot's knowledge base (the seed's KnowledgeService): uploads go to R2 + D1 + the ingest queue, search is
 * BM25 over D1 FTS5, fused with Qdrant vector search when Ollama and Qdrant are configured.
 * Every method is scoped to one bot; callers check that the bot belongs to the requester.
 */
export class KnowledgeService {
  private readonly dense: DenseRetrieval | null;

  constructor(private readonly env: Env, opts: { dense?: DenseRetrieval | null } = {}) {
    this.dense = opts.dense === undefined ? denseFromEnv(env) : opts.dense;
  }

  /**
   * Store a file and queue it for indexing. The same bytes uploaded again to the same bot return the existing
   * doc (`created: false`) instead of indexing twice; a `failed` one is queued again.
   */
  async upload(bot: BotRef, file: File): Promise<{ doc: KnowledgeDocRow; created: boolean }> {
    const filename = safeName(file.name);
    const named: DocFormat | null = detectFormat(filename, file.type);
    if (!named) {
      throw new KnowledgeUploadError(415, 'unsupported_media_type', `unsupported file type "${filename}": upload PDF, DOCX, TXT, Markdown or CSV`);
    }
    if (file.size > MAX_UPLOAD_BYTES) throw new KnowledgeUploadError(413, 'payload_too_large', `file exceeds ${MAX_UPLOAD_BYTES} bytes`);
    if (file.size === 0) throw new KnowledgeUploadError(422, 'empty_file', 'the file is empty');
    const bytes = await file.arrayBuffer();
    const sniffed = sniffFormat(new Uint8Array(bytes), named);
    if ('refused' in sniffed) {
      throw new KnowledgeUploadError(415, 'unsupported_media_type', `"${filename}": ${sniffed.refused} (upload PDF, DOCX, TXT, Markdown or CSV)`);
    }
    const format = sniffed.format;
    const sha256 = await sha256Hex(bytes);
    const d = db(this.env.DB);

    // The same bytes parsed as another format (a .txt and a .csv) are another document.
    const existing = await this.findBySha(bot.id, sha256, format);
    if (existing) return { doc: needsRequeue(existing, Date.now()) ? await this.requeue(existing) : existing, created: false };

    const id = newId('doc');
    const r2Key = `knowledge/${bot.companyId}/${bot.id}/${id}`;
    const contentType = file.type || 'application/octet-stream';
    await this.env.FILES.put(r2Key, bytes, { httpMetadata: { contentType }, customMetadata: { filename, sha256 } });
    let doc: KnowledgeDocRow | undefined;
    try {
      doc = await d.insert(schema.knowledgeDocs).values({
        id, companyId: bot.companyId, botId: bot.id, filename, contentType, format, sizeBytes: bytes.byteLength, sha256, r2Key, updatedAt: Date.now(),
      }).onConflictDoNothing().returning().get();
    } finally {
      if (!doc) await this.env.FILES.delete(r2Key);
    }
    // A concurrent upload of the same file won the unique (bot_id, sha256) index.
    if (!doc) return { doc: (await this.findBySha(bot.id, sha256, format))!, created: false };
    try {
      await this.env.INGEST_QUEUE.send({ docId: id, botId: bot.id, companyId: bot.companyId });
    } catch (err) {
      await d.delete(schema.knowledgeDocs).where(eq(schema.knowledgeDocs.id, id));
      await this.env.FILES.delete(r2Key);
      throw err;
    }
    return { doc, created: true };
  }

  list(botId: string): Promise<KnowledgeDocRow[]> {
    return db(this.env.DB).select().from(schema.knowledgeDocs).where(eq(schema.knowledgeDocs.botId, botId))
      .orderBy(desc(schema.knowledgeDocs.createdAt)).all();
  }

  get(botId: string, docId: string): Promise<KnowledgeDocRow | undefined> {
    return db(this.env.DB).select().from(schema.knowledgeDocs)
      .where(and(eq(schema.knowledgeDocs.botId, botId), eq(schema.knowledgeDocs.id, docId))).get();
  }

  /**
   * Best chunks of the bot's ready documents for a question, best first. BM25 only, or BM25 fused with vector
   * search (reciprocal rank fusion) when dense retrieval is configured; a failing vector service degrades to BM25.
   * Scores: larger is better, comparable within one answer only.
   */
  async search(botId: string, query: string, topK = 5): Promise<ChunkHit[]> {
    const k = Math.max(1, Math.min(MAX_TOP_K, Math.floor(topK)));
    if (!this.dense) return bm25Search(this.env.DB, botId, query, k);
    const pool = k * 4;
    const [lexical, vector] = await Promise.all([
      bm25Search(this.env.DB, botId, query, pool),
      this.vectorSearch(botId, query, pool),
    ]);
    // Spare candidates: vector hits of chunks not in D1 are dropped below. D1 binds ≤ 100 parameters.
    const fused = fuseRanks([lexical.map((h) => h.chunk_id), vector]).slice(0, Math.min(2 * k, 90));
    const rows = new Map(lexical.map((h) => [h.chunk_id, h]));
    const missing = fused.map((f) => f.id).filter((id) => !rows.has(id));
    if (missing.length) {
      const found = await this.env.DB.prepare(
        `SELECT id AS chunk_id, doc_id, text, source, page, section FROM knowledge_chunks WHERE bot_id = ? AND id IN (${missing.map(() => '?').join(', ')})`,
      ).bind(botId, ...missing).all<Omit<ChunkHit, 'score'>>();
      for (const r of found.results) rows.set(r.chunk_id, { ...r, score: 0 });
    }
    // Vector hits without a chunk row belong to docs not (or no longer) ready: dropped here.
    return fused
      .flatMap((f) => {
        const row = rows.get(f.id);
        return row ? [{ ...row, score: f.score }] : [];
      })
      .slice(0, k);
  }

  /** Remove a document: chunks and FTS rows, the doc row, the original in R2 and its vectors. */
  async delete(botId: string, docId: string): Promise<boolean> {
    const doc = await this.get(botId, docId);
    if (!doc) return false;
    await this.env.DB.batch([
      ...deleteDocChunksStatements(this.env.DB, doc.id),
      this.env.DB.prepare('DELETE FROM knowledge_docs WHERE id = ?').bind(doc.id),
    ]);
    await this.env.FILES.delete(doc.r2Key);
    await this.dense?.index.deleteDoc(botId, doc.id).catch((err: unknown) => this.logVectorError('delete doc', err));
    return true;
  }

  /** Remove every document of a bot; returns how many there were. */
  async clearBot(botId: string): Promise<number> {
    const docs = await db(this.env.DB).select({ id: schema.knowledgeDocs.id, r2Key: schema.knowledgeDocs.r2Key })
      .from(schema.knowledgeDocs).where(eq(schema.knowledgeDocs.botId, botId)).all();
    await this.env.DB.batch([
      ...deleteBotChunksStatements(this.env.DB, botId),
      this.env.DB.prepare('DELETE FROM knowledge_docs WHERE bot_id = ?').bind(botId),
    ]);
    for (let i = 0; i < docs.length; i += 1000) await this.env.FILES.delete(docs.slice(i, i + 1000).map((x) => x.r2Key));
    await this.dense?.index.deleteBot(botId).catch((err: unknown) => this.logVectorError('delete bot', err));
    return docs.length;
  }

  private findBySha(botId: string, sha256: string, format: DocFormat): Promise<KnowledgeDocRow | undefined> {
    const t = schema.knowledgeDocs;
    return db(this.env.DB).select().from(t).where(and(eq(t.botId, botId), eq(t.sha256, sha256), eq(t.format, format))).get();
  }

  private async requeue(doc: KnowledgeDocRow): Promise<KnowledgeDocRow> {
    const row = await db(this.env.DB).update(schema.knowledgeDocs)
      .set({ status: 'pending', error: null, attempts: 0, updatedAt: Date.now() })
      .where(eq(schema.knowledgeDocs.id, doc.id)).returning().get();
    await this.env.INGEST_QUEUE.send({ docId: doc.id, botId: doc.botId, companyId: doc.companyId });
    return row ?? doc;
  }

  private async vectorSearch(botId: string, query: string, limit: number): Promise<string[]> {
    try {
      const [vector] = await this.dense!.embedder.embed([query]);
      return (await this.dense!.index.query(botId, vector!, limit)).map((h) => h.id);
    } catch (err) {
      this.logVectorError('search', err);
      return [];
    }
  }

  private logVectorError(op: string, err: unknown): void {
    console.error(JSON.stringify({ msg: 'vector index unavailable', op, error: String(err) }));
  }
}
