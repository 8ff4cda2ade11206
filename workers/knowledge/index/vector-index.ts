/** What a vector point carries besides its vector. */
export interface ChunkPayload {
  bot_id: string;
  doc_id: string;
  company_id: string;
  ord: number;
  source: string;
  page: number | null;
  section: string | null;
}

/** One chunk's vector; `id` is the chunk id (a UUID, see `chunkId`). */
export interface VectorPoint {
  id: string;
  vector: number[];
  payload: ChunkPayload;
}

/** A nearest-neighbour hit: chunk id and similarity (larger is closer). */
export interface VectorHit {
  id: string;
  score: number;
}

/** A vector store partitioned by bot: every query and delete is filtered by `bot_id`. */
export interface VectorIndex {
  /** Insert or overwrite points (same id → same point). */
  upsert(points: readonly VectorPoint[]): Promise<void>;
  query(botId: string, vector: readonly number[], limit: number): Promise<VectorHit[]>;
  deleteDoc(botId: string, docId: string): Promise<void>;
  deleteBot(botId: string): Promise<void>;
}
