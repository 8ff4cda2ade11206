export * from './normalize.ts';
export * from './stem.ts';
