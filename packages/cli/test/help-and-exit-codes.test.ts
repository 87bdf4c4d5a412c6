import { describe, expect, it } from 'vitest';
import { AuthKitError, TokenEndpointError } from '@authkit/core';
import { describeFailure } from '../src/errors';
import { ExitCode } from '../src/exit-codes';
import type { CliIO } from '../src/io';
import { runCli } from '../src/run';
import { jsonOf, runAuthkit } from './support/run-authkit';

/** The CLI in this process, its output captured: for the cheap checks that need no store. */
async function runInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (text) => void (stdout += text) },
    stderr: { write: (text) => void (stderr += text) },
    env: {},
    cwd: process.cwd(),
    waitForStop: () => Promise.resolve(),
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const COMMANDS = [
  [],
  ['sandbox'],
  ['connections'],
  ['connections', 'list'],
  ['connections', 'show'],
  ['connections', 'refresh'],
  ['connections', 'verify'],
  ['connections', 'disconnect'],
  ['keys'],
  ['keys', 'generate'],
  ['keys', 'rotate'],
];

describe('--help', () => {
  it.each(COMMANDS.map((path) => [path.join(' ') || '(root)', path] as const))('works on %s', async (_name, path) => {
    const run = await runInProcess([...path, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: authkit${path.length > 0 ? ` ${path.join(' ')}` : ''}`);
    expect(run.stdout).toContain('Exit codes:');
  });

  it('lists every ExitCode: each on its own line in the root help, all but 1 and 130 in every command\'s', async () => {
    const root = (await runInProcess(['--help'])).stdout;
    for (const code of Object.values(ExitCode)) expect(root).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
    const sub = (await runInProcess(['keys', 'rotate', '--help'])).stdout;
    const listed = /^Exit codes: (.*) \(authkit --help\)\.$/m.exec(sub)?.[1]?.split(', ').map((entry) => Number(entry.split(' ')[0]));
    expect(listed).toEqual(Object.values(ExitCode).filter((code) => code !== ExitCode.failure && code !== ExitCode.interrupted));
  });

  it('works on the real bin too, and `authkit` alone or with an unknown command is a usage error (2)', async () => {
    const [help, bare, unknown, missingId] = await Promise.all([
      runAuthkit(['keys', 'rotate', '--help']),
      runAuthkit([]),
      runAuthkit(['connections', 'frobnicate']),
      runAuthkit(['connections', 'show']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--no-progress');
    expect(bare.code).toBe(2);
    expect(unknown.code).toBe(2);
    expect(missingId.code).toBe(2);
  });
});

describe('keys generate', () => {
  it('prints one id:key entry on stdout and the advice on stderr; --json gives { id, key, entry }', async () => {
    const run = await runAuthkit(['keys', 'generate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{4}:[A-Za-z0-9_-]{43}\n$/);
    expect(run.stderr).toContain('AUTHKIT_ENCRYPTION_KEY');
    const json = jsonOf<{ id: string; key: string; entry: string }>(await runAuthkit(['keys', 'generate', '--id', 'k-2027', '--json']));
    expect(json.id).toBe('k-2027');
    expect(Buffer.from(json.key, 'base64url')).toHaveLength(32);
    expect(json.entry).toBe(`k-2027:${json.key}`);
    expect((await runAuthkit(['keys', 'generate', '--id', 'a,b'])).code).toBe(3);
  });
});

describe('exit codes', () => {
  it('follow the error: what to do next, not where it happened', () => {
    const cases: [unknown, number][] = [
      [new AuthKitError('configuration_error', 'x'), ExitCode.configuration],
      [new AuthKitError('connection_not_found', 'x'), ExitCode.notFound],
      [new AuthKitError('store_unavailable', 'x'), ExitCode.store],
      [new AuthKitError('lock_timeout', 'x'), ExitCode.store],
      [new AuthKitError('reauthorization_required', 'x'), ExitCode.credentialRejected],
      [new AuthKitError('invalid_credential', 'x'), ExitCode.credentialRejected],
      [new TokenEndpointError('x', { error: 'invalid_client' }), ExitCode.credentialRejected],
      [new TokenEndpointError('x', { transient: true }), ExitCode.providerUnavailable],
      [new AuthKitError('rate_limited', 'x'), ExitCode.providerUnavailable],
      [new AuthKitError('provider_unavailable', 'x'), ExitCode.providerUnavailable],
      [new AuthKitError('decryption_failed', 'x'), ExitCode.decryption],
      [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), ExitCode.failure],
    ];
    for (const [error, code] of cases) expect(describeFailure(error).exitCode).toBe(code);
  });

  it('pass on only messages written to be shown', () => {
    const foreign = describeFailure(new SyntaxError('Unexpected token in JSON: "refresh-SECRET-abc"'));
    expect(foreign).toMatchObject({ code: 'internal_error', exitCode: 1 });
    expect(foreign.message).not.toContain('SECRET');
    expect(describeFailure(Object.assign(new Error('ENOENT: no such file, open /x'), { code: 'ENOENT' })).message).toContain('/x');
  });
});
