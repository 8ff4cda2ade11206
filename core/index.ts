export * from './config/index.ts';
export * from './call-result.ts';
export * from './text/index.ts';
