import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isAuthKitError } from '@authkit/core';
import { CliError } from '../src/errors';
import { describeStoreLocation, parseStoreUrl } from '../src/store/store-url';

describe('parseStoreUrl', () => {
  it('reads file: URLs, relative to the working directory or absolute', () => {
    expect(parseStoreUrl('file:./.data/authkit', '/srv/app')).toEqual({ kind: 'file', directory: '/srv/app/.data/authkit' });
    expect(parseStoreUrl('file:.data/a%20b', '/srv/app')).toEqual({ kind: 'file', directory: '/srv/app/.data/a b' });
    expect(parseStoreUrl('file:/var/lib/authkit', '/srv/app')).toEqual({ kind: 'file', directory: '/var/lib/authkit' });
    expect(parseStoreUrl('file:///var/lib/authkit', '/srv/app')).toEqual({ kind: 'file', directory: '/var/lib/authkit' });
  });

  it('reads redis:// URLs and takes the key prefix out of the query', () => {
    expect(parseStoreUrl('redis://:pw@cache:6380/2?prefix=app:authkit:', '/')).toEqual({ kind: 'redis', url: 'redis://:pw@cache:6380/2', prefix: 'app:authkit:' });
    expect(parseStoreUrl('rediss://cache', '/')).toEqual({ kind: 'redis', url: 'rediss://cache' });
  });

  it('passes postgres:// URLs to @authkit/store-postgres, taking out its schema and table prefix', () => {
    expect(parseStoreUrl('postgresql://u:p@db/authkit?sslmode=require', '/')).toEqual({ kind: 'postgres', connectionString: 'postgresql://u:p@db/authkit?sslmode=require' });
    expect(parseStoreUrl('postgres://db/app?sslmode=require&schema=auth&tablePrefix=ak_', '/')).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://db/app?sslmode=require',
      schema: 'auth',
      tablePrefix: 'ak_',
    });
  });

  it('passes postgres connection strings that are not WHATWG URLs to pg untouched', () => {
    for (const value of ['postgres://user@/db?host=/var/run/postgresql', 'postgresql://u:hunter2@h1:5432,h2:5433/db']) {
      const location = parseStoreUrl(value, '/');
      expect(location).toEqual({ kind: 'postgres', connectionString: value });
      const scheme = value.split(':')[0];
      expect(describeStoreLocation(location)).toBe(`PostgreSQL store ${scheme}://…`);
    }
  });

  it('refuses anything else with a configuration error that does not repeat the URL', () => {
    for (const value of ['mysql://u:hunter2@db/x', './dir', 'file:', 'file://host/share', 'redis://u:hunter2@[bad']) {
      let error: unknown;
      try {
        parseStoreUrl(value, '/');
      } catch (caught) {
        error = caught;
      }
      expect(error instanceof CliError || isAuthKitError(error)).toBe(true);
      expect((error as CliError).exitCode).toBe(3);
      expect((error as Error).message).not.toContain('hunter2');
      expect(inspect(error)).not.toContain('hunter2');
    }
  });
});

describe('describeStoreLocation', () => {
  it('never shows a password, in the URL or its query', () => {
    const redis = describeStoreLocation(parseStoreUrl('redis://user:hunter2@cache:6379?prefix=p:', '/'));
    expect(redis).toBe('Redis store redis://user:***@cache:6379 (prefix p:)');
    const pg = describeStoreLocation(parseStoreUrl('postgres://u:hunter2@db/x?password=hunter2&sslmode=require', '/'));
    expect(pg).not.toContain('hunter2');
    expect(pg).toContain('sslmode=require');
  });
});
