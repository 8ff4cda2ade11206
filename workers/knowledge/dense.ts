import type { Env } from '../env.ts';
import { OllamaEmbedder, type Embedder } from './embed/ollama.ts';
import { QdrantIndex } from './index/qdrant.ts';
import type { VectorIndex } from './index/vector-index.ts';

/** The production retrieval path: embeddings plus a vector store. */
export interface DenseRetrieval {
  embedder: Embedder;
  index: VectorIndex;
}

/**
 * Ollama + Qdrant when both `OLLAMA_URL` and `QDRANT_URL` are set, else null (BM25 only).
 * Model: `OLLAMA_EMBED_MODEL` (default bge-m3); collection: `QDRANT_COLLECTION` (default voicebot_knowledge).
 */
export function denseFromEnv(env: Env): DenseRetrieval | null {
  if (!env.OLLAMA_URL || !env.QDRANT_URL) return null;
  return {
    embedder: new OllamaEmbedder({ baseUrl: env.OLLAMA_URL, model: env.OLLAMA_EMBED_MODEL || undefined }),
    index: new QdrantIndex({ url: env.QDRANT_URL, apiKey: env.QDRANT_API_KEY || undefined, collection: env.QDRANT_COLLECTION || undefined }),
  };
}
