import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { ENCRYPTION_KEY_ENV } from '../keys/key-ring-env';

/** The environment variables behind `--store` and `--config`. */
export const STORE_ENV = 'AUTHKIT_STORE';
export const CONFIG_ENV = 'AUTHKIT_CONFIG';

/** `--json`: one JSON document on stdout instead of the human rendering. */
export function withJson<Args extends unknown[], Opts extends OptionValues>(command: Command<Args, Opts>) {
  return command.option('--json', 'print one JSON document on stdout (for scripts)');
}

/** `--store <url>`, also from AUTHKIT_STORE. */
export function storeOption() {
  return new Option('--store <url>', `the store: file:./dir, redis://host:6379?prefix=app:, postgres://…; keys from ${ENCRYPTION_KEY_ENV}`).env(STORE_ENV);
}

/** `--store`, `--plaintext-for-local-development`: which store, and how it is protected. */
export function withStore<Args extends unknown[], Opts extends OptionValues>(command: Command<Args, Opts>) {
  return command
    .addOption(storeOption())
    .option('--plaintext-for-local-development', `open a store written without encryption (no ${ENCRYPTION_KEY_ENV})`);
}

/** `--config`: the module exporting createAuthKit's options (providers, and optionally a store). */
export function withConfig<Args extends unknown[], Opts extends OptionValues>(command: Command<Args, Opts>, purpose: string) {
  return command.addOption(new Option('--config <module>', `authkit.config.mjs exporting createAuthKit's options (${purpose})`).env(CONFIG_ENV));
}
