/** A timer that does not keep a Node process alive, where the runtime supports that. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    unrefTimer(timer);
  });
}

/** `unref()` exists on Node timers only; edge runtimes return numbers. */
export function unrefTimer(timer: unknown): void {
  if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') {
    timer.unref();
  }
}
