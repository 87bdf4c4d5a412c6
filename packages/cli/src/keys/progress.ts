import type { ReencryptProgress } from '@authkit/core';
import type { CliStream } from '../io';
import { formatCount } from '../output/time';

/** Where a re-encryption is: core's `ReencryptProgress`, which the stores' `reencryptAll` reports after each connection. */
export type RotationProgress = ReencryptProgress;

/** Shows progress: a bar redrawn in place on a terminal, plain lines in a pipe or a log. */
export interface ProgressReporter {
  update(progress: RotationProgress): void;
  /** Ends the bar's line, so what follows starts on a fresh one. */
  finish(): void;
}

const BAR_WIDTH = 30;
/** Redraws at most this often: a terminal cannot show 10,000 frames a second anyway. */
const REDRAW_MS = 80;
/** Plain lines come at every 5% (20 lines a run), whatever the store's size. */
const LINE_STEPS = 20;

function percent({ scanned, total }: RotationProgress): number {
  return total === 0 ? 100 : Math.min(100, Math.floor((scanned / total) * 100));
}

/** Counts only: a progress line names no connection, let alone a secret. */
function summary(progress: RotationProgress): string {
  const total = Math.max(progress.total, progress.scanned);
  return `${formatCount(progress.scanned)}/${formatCount(total)} scanned, ${formatCount(progress.reencrypted)} re-encrypted`;
}

/** A reporter for `stream`: a bar when it is a terminal, lines otherwise; nothing with `quiet`. */
export function createProgressReporter(stream: CliStream, options: { quiet?: boolean; now?: () => number } = {}): ProgressReporter {
  if (options.quiet) return { update: () => undefined, finish: () => undefined };
  return stream.isTTY ? barReporter(stream, options.now ?? Date.now) : lineReporter(stream);
}

function barReporter(stream: CliStream, now: () => number): ProgressReporter {
  let lastDraw = 0;
  let drawn = false;
  let last: RotationProgress | undefined;
  const draw = (progress: RotationProgress): void => {
    const filled = Math.round((percent(progress) / 100) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    // \r returns to the line start and \x1b[2K clears it, so each frame replaces the last.
    stream.write(`\r\x1b[2K${bar} ${String(percent(progress)).padStart(3)}%  ${summary(progress)}`);
    drawn = true;
    lastDraw = now();
  };
  return {
    update(progress) {
      last = progress;
      if (progress.scanned >= progress.total || now() - lastDraw >= REDRAW_MS) draw(progress);
    },
    finish() {
      if (last !== undefined) draw(last);
      if (drawn) stream.write('\n');
    },
  };
}

function lineReporter(stream: CliStream): ProgressReporter {
  let lastStep = -1;
  return {
    update(progress) {
      if (progress.total === 0) return;
      const step = Math.floor((Math.min(progress.scanned, progress.total) * LINE_STEPS) / progress.total);
      if (step === lastStep) return;
      lastStep = step;
      stream.write(`keys rotate: ${percent(progress)}% ${summary(progress)}\n`);
    },
    finish: () => undefined,
  };
}
