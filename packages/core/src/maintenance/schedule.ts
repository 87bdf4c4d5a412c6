import { unrefTimer } from '../util/sleep';
import type { MaintenanceReport } from './report';

/** A running maintenance loop, from `authkit.startMaintenance()`. */
export interface MaintenanceHandle {
  /** Stops the timer and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * One timer per AuthKit instance: a sweep, then the next one `intervalMs` after it finished
 * (sweeps never overlap). The timer does not keep a Node process alive. A sweep that throws
 * is reported through `onError` and the loop goes on.
 */
export function schedule(run: () => Promise<MaintenanceReport>, intervalMs: number, onError: (error: unknown) => void): MaintenanceHandle {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    current = run()
      .catch(onError)
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, intervalMs);
        unrefTimer(timer);
      });
  };
  timer = setTimeout(tick, 0);
  unrefTimer(timer);
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
