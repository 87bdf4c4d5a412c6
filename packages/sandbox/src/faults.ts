import type { Ctx } from './http';
import type { FaultKind, FaultSpec } from './types';

const KINDS: readonly FaultKind[] = ['5xx', 'reset', 'timeout', 'malformed', 'latency'];

interface ActiveFault extends FaultSpec {
  remaining: number;
}

/**
 * Fault injection per endpoint key (`plannr.token`, `iguide.api`, `planday.revocation`, …).
 * Faults apply in the order injected; each consumes one of its `times` per request.
 */
export class FaultInjector {
  readonly #faults = new Map<string, ActiveFault[]>();

  inject(endpointKey: string, spec: FaultSpec): void {
    if (!KINDS.includes(spec.kind)) throw new TypeError(`unknown fault kind: ${String(spec.kind)}`);
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) {
      throw new TypeError('fault times must be a positive integer');
    }
    if (spec.latencyMs !== undefined && !(Number.isFinite(spec.latencyMs) && spec.latencyMs >= 0)) {
      throw new TypeError('fault latencyMs must be a non-negative number');
    }
    const list = this.#faults.get(endpointKey) ?? [];
    list.push({ ...spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
    this.#faults.set(endpointKey, list);
  }

  /** Removes the faults of one endpoint, or all of them. */
  clear(endpointKey?: string): void {
    if (endpointKey === undefined) this.#faults.clear();
    else this.#faults.delete(endpointKey);
  }

  /** Faults currently armed, for the admin API. */
  list(): { endpointKey: string; kind: FaultKind; remaining: number | null; latencyMs?: number }[] {
    return [...this.#faults].flatMap(([endpointKey, faults]) =>
      faults.map((f) => ({
        endpointKey,
        kind: f.kind,
        remaining: Number.isFinite(f.remaining) ? f.remaining : null,
        ...(f.latencyMs === undefined ? {} : { latencyMs: f.latencyMs }),
      })),
    );
  }

  /** Takes the next fault for this endpoint, if any. */
  take(endpointKey: string): FaultSpec | undefined {
    const list = this.#faults.get(endpointKey);
    const fault = list?.[0];
    if (!list || !fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) list.shift();
    if (list.length === 0) this.#faults.delete(endpointKey);
    return fault;
  }
}

/**
 * Applies a fault. Returns true when the request is finished (the handler must not run);
 * `latency` waits and returns false so the real handler answers afterwards.
 */
export async function applyFault(ctx: Ctx, fault: FaultSpec): Promise<boolean> {
  switch (fault.kind) {
    case 'latency':
      await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
      return ctx.done;
    case '5xx':
      ctx.send(503, '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', {
        'content-type': 'text/html',
      });
      return true;
    case 'malformed':
      ctx.send(200, '{"access_token": "sandbox-malformed', { 'content-type': 'application/json' });
      return true;
    case 'reset':
      ctx.entry.status = 0;
      ctx.req.socket.destroy();
      return true;
    case 'timeout':
      // Never answer: the socket stays open until the client gives up or the sandbox closes.
      ctx.entry.status = 0;
      return true;
  }
}
