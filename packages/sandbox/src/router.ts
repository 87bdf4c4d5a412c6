import type { Ctx } from './http';

export type Handler = (ctx: Ctx) => void | Promise<void>;

/** One route: method, a path pattern with `:param` segments (relative to the mount), the endpoint key. */
export interface Route {
  method: string;
  pattern: string;
  /** Endpoint key for faults, counters and the request log (`plannr.token`, …). */
  key: string;
  handler: Handler;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** A tiny path matcher: literal segments compare case-sensitively, `:name` captures one segment. */
export class Router {
  readonly #routes: { route: Route; segments: string[] }[] = [];

  constructor(readonly mount: string) {}

  add(route: Route): this {
    this.#routes.push({ route, segments: split(route.pattern) });
    return this;
  }

  /** Finds the route for a path under the mount; `allowed` lists methods of a path-only match (405). */
  match(method: string, path: string): Match | { allowed: string[] } | undefined {
    const segments = split(path);
    const allowed: string[] = [];
    for (const { route, segments: pattern } of this.#routes) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { allowed } : undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const s = segments[i] as string;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(s);
      } catch {
        return undefined;
      }
    } else if (p !== s) return undefined;
  }
  return params;
}
