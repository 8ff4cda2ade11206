export * from './config/index.ts';
export * from './call-result.ts';
export * from './text/index.ts';
export * from './engine/index.ts';
export * from './parse/index.ts';
export * from './agent-name.ts';
