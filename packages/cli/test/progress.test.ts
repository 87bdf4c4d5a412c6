import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../src/keys/progress';

function stream(isTTY: boolean): { write(text: string): void; isTTY: boolean; text: () => string } {
  let text = '';
  return { isTTY, write: (chunk) => void (text += chunk), text: () => text };
}

describe('rotation progress', () => {
  it('is one plain line per 5% in a pipe or a log, counts only', () => {
    const out = stream(false);
    const reporter = createProgressReporter(out);
    for (let scanned = 1; scanned <= 1_000; scanned++) reporter.update({ scanned, reencrypted: Math.floor(scanned / 2), total: 1_000 });
    reporter.finish();
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(21); // 0%…95% steps and 100%
    expect(lines.at(-1)).toBe('keys rotate: 100% 1,000/1,000 scanned, 500 re-encrypted');
    expect(lines.every((line) => /^keys rotate: \d+% [\d,]+\/1,000 scanned, [\d,]+ re-encrypted$/.test(line))).toBe(true);
  });

  it('is a bar redrawn in place on a terminal, ending on its own line', () => {
    const out = stream(true);
    let now = 0;
    const reporter = createProgressReporter(out, { now: () => now });
    for (let scanned = 1; scanned <= 100; scanned++) {
      now += 10; // a redraw every 80 ms of (fake) time at most
      reporter.update({ scanned, reencrypted: scanned, total: 100 });
    }
    reporter.finish();
    const frames = out.text().split('\r\x1b[2K').filter(Boolean);
    expect(frames.length).toBeGreaterThan(5);
    expect(frames.length).toBeLessThan(30);
    expect(frames.at(-1)).toBe(`${'█'.repeat(30)} 100%  100/100 scanned, 100 re-encrypted\n`);
    expect(frames[0]).toMatch(/^█*░+ +\d+% {2}\d+\/100 scanned/);
  });

  it('says nothing with --no-progress', () => {
    const out = stream(true);
    const reporter = createProgressReporter(out, { quiet: true });
    reporter.update({ scanned: 1, reencrypted: 1, total: 1 });
    reporter.finish();
    expect(out.text()).toBe('');
  });
});
