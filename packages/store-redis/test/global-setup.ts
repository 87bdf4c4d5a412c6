// Starts one local 3-master Redis Cluster for the run's cluster tests (and stops it after the
// last test file). Fails the run clearly if redis-server or redis-cli is missing: no skipping.
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './support/redis-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `redis://` URLs of the test cluster's masters. */
    redisCluster: string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster;
  try {
    cluster = await startRedisCluster(3);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start a local Redis Cluster for the tests (needs redis-server and redis-cli ≥ 5 on the PATH): ${reason}`);
  }
  project.provide('redisCluster', cluster.nodes);
  return () => cluster.stop();
}
