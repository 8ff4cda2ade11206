export * from './chunker.ts';
export * from './query.ts';
