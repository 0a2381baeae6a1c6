export { openDatabase, type DatabaseHandle, type OpenOptions } from './connect.ts';
export { startEmbedded, ensureDatabase } from './embedded.ts';
export { createPool, createKysely, type PoolOptions } from './pool.ts';
export { migrateAll, MigrationFailed, type ContextMigrations, type MigrationProgress } from './migrate.ts';
export { platformMigrations, PLATFORM_SCHEMA, type PlatformDB, type EventLogTable } from './platform.ts';
