import type { Attributes, Counter, Histogram, Span, Tracer } from '@opentelemetry/api';
import { loadOpenTelemetry, openTelemetry, type OtelApi } from './load';

const SCOPE = '@authkit/core';

/** What a signed request's span records when it ends. */
export interface RequestOutcome {
  status?: number;
  /** Replays after a 401 and a renewal (`http.request.resend_count`). */
  resends: number;
  /** The request waited for a token refresh before it could leave. */
  waitedOnRefresh: boolean;
  error?: unknown;
}

/** A started span, or nothing when OpenTelemetry is absent. */
export interface SpanHandle {
  end(outcome: RequestOutcome): void;
}

interface Instruments {
  tracer: Tracer;
  refreshes: Counter;
  refreshDuration: Histogram;
  lockWait: Histogram;
  rateLimitWait: Histogram;
  statusChanges: Counter;
  connections: { record(value: number, attributes?: Attributes): void };
}

/** Only scheme, host, port and path: a query may carry an API key, and never reaches a span. */
function withoutQuery(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function errorType(error: unknown, status: number | undefined): string | undefined {
  if (error !== undefined) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
    return code ?? (error instanceof Error ? error.name : 'error');
  }
  return status !== undefined && status >= 400 ? String(status) : undefined;
}

/**
 * AuthKit's OpenTelemetry instrumentation, through `@opentelemetry/api` only (an optional peer
 * dependency, loaded lazily). Until and unless it loads, every method does nothing. HTTP client
 * spans follow OpenTelemetry's semantic conventions (`http.request.method`, `server.address`,
 * `url.full` without its query, `http.response.status_code`, `error.type`,
 * `http.request.resend_count`); AuthKit's own attributes are under `authkit.*`. No attribute
 * ever holds a secret.
 */
export class Telemetry {
  readonly #enabled: boolean;
  #instruments: Instruments | undefined;

  constructor(enabled: boolean) {
    this.#enabled = enabled;
    if (enabled) void loadOpenTelemetry();
  }

  /** The API, for an enabled instance once it has loaded (another instance may have loaded it). */
  #api(): OtelApi | undefined {
    return this.#enabled ? openTelemetry() : undefined;
  }

  /** True when this instance records: enabled, and `@opentelemetry/api` has loaded. */
  get active(): boolean {
    return this.#api() !== undefined;
  }

  #get(): Instruments | undefined {
    if (this.#instruments !== undefined) return this.#instruments;
    const api = this.#api();
    if (api === undefined) return undefined;
    const meter = api.metrics.getMeter(SCOPE);
    this.#instruments = {
      tracer: api.trace.getTracer(SCOPE),
      refreshes: meter.createCounter('authkit.token.refreshes', { description: 'Token refreshes by outcome', unit: '{refresh}' }),
      refreshDuration: meter.createHistogram('authkit.token.refresh.duration', { description: 'Duration of a token refresh', unit: 's' }),
      lockWait: meter.createHistogram('authkit.lock.wait.duration', { description: 'Time spent waiting for a connection lock', unit: 's' }),
      rateLimitWait: meter.createHistogram('authkit.rate_limit.wait.duration', { description: 'Time a request was held back by client-side pacing', unit: 's' }),
      statusChanges: meter.createCounter('authkit.connection.status_changes', { description: 'Connection status changes, by new status', unit: '{change}' }),
      connections: meter.createGauge('authkit.connections', { description: 'Connections by status, counted by maintenance sweeps', unit: '{connection}' }),
    };
    return this.#instruments;
  }

  #span(name: string, attributes: () => Attributes): SpanHandle | undefined {
    const instruments = this.#get();
    const api = this.#api();
    if (instruments === undefined || api === undefined) return undefined;
    const span: Span = instruments.tracer.startSpan(name, { kind: api.SpanKind.CLIENT });
    // Without an SDK the span records nothing: skip building its attributes (the hot path).
    if (!span.isRecording()) return undefined;
    span.setAttributes(attributes());
    return {
      end(outcome) {
        if (outcome.status !== undefined) span.setAttribute('http.response.status_code', outcome.status);
        if (outcome.resends > 0) span.setAttribute('http.request.resend_count', outcome.resends);
        span.setAttribute('authkit.refresh.waited', outcome.waitedOnRefresh);
        const failure = errorType(outcome.error, outcome.status);
        span.setAttribute('authkit.outcome', failure === undefined ? 'success' : 'failure');
        if (failure !== undefined) {
          span.setAttribute('error.type', failure);
          span.setStatus({ code: api.SpanStatusCode.ERROR });
        }
        span.end();
      },
    };
  }

  /** A span for one signed request (its 401 replay included). */
  request(providerId: string, connectionId: string, method: string, url: URL): SpanHandle | undefined {
    return this.#span(method, () => ({
      'http.request.method': method,
      'server.address': url.hostname,
      ...(url.port === '' ? {} : { 'server.port': Number(url.port) }),
      'url.full': withoutQuery(url),
      'authkit.provider.id': providerId,
      'authkit.connection.id': connectionId,
    }));
  }

  /** A span for one token-endpoint request (each retry is its own request). */
  tokenRequest(providerId: string, grantType: string, endpoint: string): SpanHandle | undefined {
    return this.#span('POST', () => {
      const url = new URL(endpoint);
      return {
        'http.request.method': 'POST',
        'server.address': url.hostname,
        ...(url.port === '' ? {} : { 'server.port': Number(url.port) }),
        'url.full': withoutQuery(url),
        'authkit.provider.id': providerId,
        'authkit.grant_type': grantType,
      };
    });
  }

  refreshed(providerId: string, outcome: string, seconds: number): void {
    const instruments = this.#get();
    if (instruments === undefined) return;
    instruments.refreshes.add(1, { 'authkit.provider.id': providerId, 'authkit.outcome': outcome });
    instruments.refreshDuration.record(seconds, { 'authkit.provider.id': providerId, 'authkit.outcome': outcome });
  }

  lockWaited(seconds: number): void {
    this.#get()?.lockWait.record(seconds);
  }

  rateLimitWaited(providerId: string, seconds: number): void {
    this.#get()?.rateLimitWait.record(seconds, { 'authkit.provider.id': providerId });
  }

  statusChanged(providerId: string, to: string): void {
    this.#get()?.statusChanges.add(1, { 'authkit.provider.id': providerId, 'authkit.status': to });
  }

  connectionsByStatus(counts: Readonly<Record<string, number>>): void {
    const instruments = this.#get();
    if (instruments === undefined) return;
    for (const [status, count] of Object.entries(counts)) instruments.connections.record(count, { 'authkit.status': status });
  }
}
