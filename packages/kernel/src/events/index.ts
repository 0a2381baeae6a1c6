export * from './types.ts';
export * from './jobs.ts';
export * from './publisher.ts';
export * from './hub.ts';
export * from './queue.ts';
export * from './reactions.ts';
export * from './replay.ts';
export * from './live.ts';
