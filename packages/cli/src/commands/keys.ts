import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CliIO } from '../io';
import { ENCRYPTION_KEY_ENV, keyRingFromEnv } from '../keys/key-ring-env';
import { generateKeyEntry } from '../keys/generate-key';
import { createProgressReporter, type RotationProgress } from '../keys/progress';
import { rotateStore, type RotationResult } from '../keys/rotate';
import { printResult } from '../output/print';
import { formatCount } from '../output/time';
import { withContext } from './context';
import { storeOption, withConfig, withJson } from './options';

/** `authkit keys generate`: the one command that prints a secret, once, to stdout only. */
function generateCommand(io: CliIO): CommandUnknownOpts {
  return withJson(new Command('generate'))
    .description(`print a new encryption key as an id:key entry for ${ENCRYPTION_KEY_ENV} (shown once; store it in your secret manager)`)
    .option('--id <id>', 'the key id (default: today’s date and a random suffix, e.g. 2026-11-29-3f9a)')
    .action((options) => {
      const generated = generateKeyEntry(options.id);
      printResult(io, options.json, generated, () => generated.entry);
      // Guidance on stderr, so `authkit keys generate >> keys.txt` captures the entry alone.
      io.stderr.write(
        `Append it last to ${ENCRYPTION_KEY_ENV} (id:key entries, comma-separated, oldest first) on every app, ` +
          `restart them, then run \`authkit keys rotate\`. It is not shown again.\n`,
      );
    });
}

/** `authkit keys rotate`: moves every record to the newest key of AUTHKIT_ENCRYPTION_KEY. */
function rotateCommand(io: CliIO): CommandUnknownOpts {
  return withJson(withConfig(new Command('rotate').addOption(storeOption()), 'optional: its store is used when no --store is given'))
    .description(`re-encrypt every connection under the newest key of ${ENCRYPTION_KEY_ENV}; resumable, safe while apps run`)
    .option('--no-progress', 'no progress bar or progress lines on stderr')
    .action(async (options) => {
      // Parsed again here only for its key ids (the store gets its own ring from the same variable).
      const ring = options.store === undefined ? undefined : keyRingFromEnv(io.env);
      await withContext(io, options, {}, async ({ store, storeDescription }) => {
        const target = ring === undefined ? "the key ring's newest key" : `key '${ring.currentKeyId}' (ring: ${ring.keyIds.join(', ')})`;
        io.stderr.write(`Re-encrypting the connections of the ${storeDescription} under ${target}.\n`);
        const reporter = createProgressReporter(io.stderr, { quiet: !options.progress });
        let latest: RotationProgress = { scanned: 0, reencrypted: 0, total: 0 };
        const release = io.onInterrupt(
          () =>
            `Interrupted after ${formatCount(latest.scanned)} of ${formatCount(latest.total)} connections. ` +
            'Run `authkit keys rotate` again to finish: connections already moved are skipped.',
        );
        const started = Date.now();
        let result: RotationResult;
        try {
          result = await rotateStore(store, (progress) => {
            latest = progress;
            reporter.update(progress);
          });
        } finally {
          reporter.finish();
          release();
        }
        const elapsedMs = Date.now() - started;
        const document = { ...(ring === undefined ? {} : { keyId: ring.currentKeyId }), ...result, elapsedMs };
        printResult(io, options.json, document, () =>
          [
            `Re-encrypted ${formatCount(result.reencrypted)} of ${formatCount(result.scanned)} connections under ${target} ` +
              `in ${(elapsedMs / 1000).toFixed(1)} s; ${formatCount(result.skipped)} were already under it or changed meanwhile.`,
            'Older keys can be removed from AUTHKIT_ENCRYPTION_KEY once every app has this one last in its ring.',
          ].join('\n'),
        );
      });
    });
}

/** `authkit keys …`: encryption keys for the stores. */
export function keysCommand(io: CliIO): CommandUnknownOpts {
  return new Command('keys')
    .description('generate encryption keys and rotate stored connections to the newest one')
    .addCommand(generateCommand(io))
    .addCommand(rotateCommand(io));
}
