/**
 * `@authkit/cli`: the `authkit` command (bin `authkit`), and the pieces it is made of for
 * programs that want the same behaviour: run the CLI in-process, parse AUTHKIT_ENCRYPTION_KEY,
 * open a store from a URL, load an `authkit.config.mjs`.
 *
 * @packageDocumentation
 */
export { runCli } from './run';
export { ExitCode } from './exit-codes';
export type { ExitCodeValue } from './exit-codes';
export { CliError, describeFailure } from './errors';
export type { CliErrorCode, FailureReport } from './errors';
export type { CliIO, CliStream } from './io';
export { processIO } from './io';
export { ENCRYPTION_KEY_ENV, keyRingFromEnv, storeEncryptionFromEnv } from './keys/key-ring-env';
// The key ring's text form is read by core (the demos read it too).
export { parseEncryptionKeys } from '@authkit/core';
export { generateKeyEntry } from './keys/generate-key';
export type { GeneratedKey } from './keys/generate-key';
export { rotateStore } from './keys/rotate';
export type { RotationResult } from './keys/rotate';
export type { ReencryptingStore } from '@authkit/core';
export type { RotationProgress } from './keys/progress';
export { describeStoreLocation, parseStoreUrl } from './store/store-url';
export type { StoreLocation } from './store/store-url';
export { openStore } from './store/open-store';
export type { OpenedStore } from './store/open-store';
export { loadAuthKitConfig } from './config/load-config';
export { sandboxProviderConfigs } from './sandbox/provider-config';
export type { OptionValue, SandboxProviderConfig } from './sandbox/provider-config';
