import { QdrantClient } from '@qdrant/js-client-rest';
import type { VectorHit, VectorIndex, VectorPoint } from './vector-index.ts';

export interface QdrantIndexOptions {
  url: string;
  apiKey?: string;
  collection?: string;
  /** Points per upsert request. */
  batchSize?: number;
}

export const defaultQdrantIndexOptions = { collection: 'voicebot_knowledge', batchSize: 128 } as const;

const status = (err: unknown) => (err as { status?: number } | null)?.status;

/**
 * One Qdrant collection for every bot (cosine distance), with keyword payload indexes on `bot_id` and `doc_id`;
 * queries and deletes always filter by `bot_id`. The collection is created on the first upsert, sized to the
 * embedding model's vectors.
 */
export class QdrantIndex implements VectorIndex {
  private readonly client: QdrantClient;
  private readonly collection: string;
  private readonly batchSize: number;
  private ready: Promise<void> | null = null;

  constructor(opts: QdrantIndexOptions) {
    const url = new URL(opts.url);
    // The client defaults to port 6333 when the URL has none, so pass the scheme's port explicitly.
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    this.client = new QdrantClient({
      host: url.hostname,
      port,
      https: url.protocol === 'https:',
      prefix: url.pathname.replace(/\/+$/, '') || undefined,
      apiKey: opts.apiKey,
      checkCompatibility: false,
      timeout: 30_000,
    });
    this.collection = opts.collection ?? defaultQdrantIndexOptions.collection;
    this.batchSize = opts.batchSize ?? defaultQdrantIndexOptions.batchSize;
  }

  async upsert(points: readonly VectorPoint[]): Promise<void> {
    if (!points.length) return;
    await this.ensureCollection(points[0]!.vector.length);
    for (let i = 0; i < points.length; i += this.batchSize) {
      const batch = points.slice(i, i + this.batchSize).map((p) => ({ id: p.id, vector: p.vector, payload: { ...p.payload } }));
      await this.client.upsert(this.collection, { wait: true, points: batch });
    }
  }

  async query(botId: string, vector: readonly number[], limit: number): Promise<VectorHit[]> {
    try {
      const { points } = await this.client.query(this.collection, {
        query: [...vector],
        filter: { must: [{ key: 'bot_id', match: { value: botId } }] },
        limit,
        with_payload: false,
      });
      return points.map((p) => ({ id: String(p.id), score: p.score }));
    } catch (err) {
      if (status(err) === 404) return []; // nothing indexed yet
      throw err;
    }
  }

  deleteDoc(botId: string, docId: string): Promise<void> {
    return this.deleteWhere([
      { key: 'bot_id', match: { value: botId } },
      { key: 'doc_id', match: { value: docId } },
    ]);
  }

  deleteBot(botId: string): Promise<void> {
    return this.deleteWhere([{ key: 'bot_id', match: { value: botId } }]);
  }

  private async deleteWhere(must: { key: string; match: { value: string } }[]): Promise<void> {
    try {
      await this.client.delete(this.collection, { wait: true, filter: { must } });
    } catch (err) {
      if (status(err) !== 404) throw err;
    }
  }

  private ensureCollection(size: number): Promise<void> {
    this.ready ??= this.createCollection(size).catch((err: unknown) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  private async createCollection(size: number): Promise<void> {
    const { exists } = await this.client.collectionExists(this.collection);
    if (!exists) {
      try {
        await this.client.createCollection(this.collection, { vectors: { size, distance: 'Cosine' } });
      } catch (err) {
        if (status(err) !== 409) throw err; // another consumer created it first
      }
    }
    for (const field_name of ['bot_id', 'doc_id']) {
      await this.client.createPayloadIndex(this.collection, { field_name, field_schema: 'keyword', wait: true });
    }
  }
}
