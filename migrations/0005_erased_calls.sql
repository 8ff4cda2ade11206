-- Ids of erased calls (DELETE /calls/{id}, retention): a CallResult posted again with one of them is refused
-- (410), so an erased call and its recording link never come back. Only SHA-256 hashes of the ids are kept:
-- after erasure the id itself appears nowhere.
-- Hand-written (not drizzle-kit); written by workers/lifecycle/erase.ts, read by workers/api/routes/internal-calls.ts.
CREATE TABLE `erased_calls` (
  `id_hash` text PRIMARY KEY NOT NULL
);
