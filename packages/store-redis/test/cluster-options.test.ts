import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isAuthKitError } from '@authkit/core';
import { FAIL_FAST_CLUSTER_OPTIONS, clusterConnection } from '../src/internal/client';

describe('cluster: [...] node URLs → ioredis Cluster nodes and options (no server)', () => {
  it('takes each node\'s host and port (6379 when left out), with the fail-fast options', () => {
    const { nodes, options } = clusterConnection(['redis://10.0.0.1:7000', 'redis://node-b', 'redis://[::1]:7002']);
    expect(nodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'node-b', port: 6379 },
      { host: '::1', port: 7002 },
    ]);
    expect(options).toEqual(FAIL_FAST_CLUSTER_OPTIONS);
  });

  it('carries username, password (decoded) and rediss:// TLS into every node\'s redisOptions', () => {
    const { nodes, options } = clusterConnection(['rediss://app:p%40ss@10.0.0.1:7000', 'rediss://app:p%40ss@10.0.0.2:7001']);
    expect(nodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(options.redisOptions).toEqual({ ...FAIL_FAST_CLUSTER_OPTIONS.redisOptions, username: 'app', password: 'p@ss', tls: {} });
    expect(options.clusterRetryStrategy).toBe(FAIL_FAST_CLUSTER_OPTIONS.clusterRetryStrategy);
    expect(clusterConnection(['redis://:secret@h:7000']).options.redisOptions).toEqual({ ...FAIL_FAST_CLUSTER_OPTIONS.redisOptions, password: 'secret' });
  });

  it('refuses mixed schemes or credentials, other schemes and bad URLs without repeating a URL', () => {
    const cases = [
      [],
      ['redis://h1:7000', 'rediss://h2:7001'],
      ['redis://:hunter2@h1:7000', 'redis://h2:7001'],
      ['http://:hunter2@h1:7000'],
      ['redis://:hunter2@[bad'],
    ];
    for (const urls of cases) {
      let error: unknown;
      try {
        clusterConnection(urls);
      } catch (caught) {
        error = caught;
      }
      expect(isAuthKitError(error) && error.code).toBe('configuration_error');
      expect(inspect(error)).not.toContain('hunter2');
    }
  });
});
