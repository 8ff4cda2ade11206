export * from './normalize.ts';
export * from './stem.ts';
export * from './tokens.ts';
export * from './distance.ts';
export * from './numbers.ts';
export * from './keywords.ts';
export * from './lemma.ts';
export * from './nominative.ts';
