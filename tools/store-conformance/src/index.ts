// The conformance suite every AuthKit ConnectionStore runs. Private to the workspace.
export { describeStoreConformance } from './suite';
export type { StoreFactory, StoreConformanceOptions } from './suite';
export { describeStoreEncryption } from './encryption-suite';
export type { EncryptionHarness } from './encryption-suite';
export { makeRecord, revealCredential, errorCodeOf, CREDENTIALS_OF_EVERY_KIND } from './fixtures';
export { bundleWorker } from './bundle-worker.mjs';
export { callStorm, mergeStormReports, runStormWorker } from './storm';
export type { StormReport, StormWorkerConfig, StormPlannrConfig } from './storm';
export { startStormHarness, percentile, waitFor } from './storm-harness';
export type { StormHarness, StormHarnessOptions, StormWorker, WorkerReport } from './storm-harness';
