export * from './chunker.ts';
export * from './query.ts';
export * from './answer.ts';
