const UNITS: readonly (readonly [suffix: string, ms: number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A duration as its largest unit, e.g. `3d`, `59m`, `12s`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  for (const [suffix, size] of UNITS) {
    if (abs >= size) return `${Math.floor(abs / size)}${suffix}`;
  }
  return '0s';
}

/** `in 59m` or `3d ago`, relative to `now`; `-` when there is no time. */
export function formatRelative(at: number | undefined, now: number): string {
  if (at === undefined) return '-';
  return at >= now ? `in ${formatDuration(at - now)}` : `${formatDuration(now - at)} ago`;
}

/** An instant in UTC to the second, e.g. `2026-11-29 10:15:00Z`, plus its relative form. */
export function formatInstant(at: number | undefined, now: number): string | undefined {
  if (at === undefined) return undefined;
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}Z (${formatRelative(at, now)})`;
}

/** A count with thousands separators, independent of the machine's locale. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
