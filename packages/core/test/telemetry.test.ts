// OpenTelemetry through @opentelemetry/api, asserted with the SDK's in-memory exporters: the
// spans and metrics of a refresh storm, and no secret in any exported attribute.
import { metrics, trace } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOpenTelemetry } from '../src/telemetry/load';
import { startHarness, type Harness } from './helpers/sandbox';

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
let h: Harness;
/** Every span exported in this file, for the secret scan. */
const history: Record<string, unknown>[] = [];
function resetSpans(): void {
  history.push(...spans.getFinishedSpans().map((s) => s.attributes));
  spans.reset();
}

beforeAll(async () => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  expect(await loadOpenTelemetry()).toBeDefined();
  h = await startHarness();
});
afterAll(() => h.close());

async function exportedMetrics(): Promise<Map<string, { attributes: Record<string, unknown>; value: unknown }[]>> {
  await reader.forceFlush();
  const all: ResourceMetrics[] = metricExporter.getMetrics();
  const byName = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
  for (const metric of all.at(-1)?.scopeMetrics.flatMap((scope) => scope.metrics) ?? []) {
    byName.set(metric.descriptor.name, metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })));
  }
  return byName;
}

describe('OpenTelemetry', () => {
  it('a refresh storm: one token-request span, one span per signed request that waited, and the refresh metrics', async () => {
    const connection = await h.connectOAuth('plannr', 'otel');
    h.sandbox.clock.advance(2 * 3_600_000);
    resetSpans();
    const client = h.authkit.client('plannr', connection.id);
    const responses = await Promise.all(Array.from({ length: 50 }, () => client.fetch('/api/v1/contacts?page=1')));
    expect(responses.every((r) => r.status === 200)).toBe(true);

    const finished = spans.getFinishedSpans();
    const token = finished.filter((s) => s.attributes['authkit.grant_type'] === 'refresh_token');
    expect(token).toHaveLength(1);
    expect(token[0]!.attributes).toMatchObject({
      'http.request.method': 'POST',
      'authkit.provider.id': 'plannr',
      'http.response.status_code': 200,
      'authkit.outcome': 'success',
      'url.full': h.sandbox.endpoints.plannr.tokenEndpoint,
    });
    const requests = finished.filter((s) => s.attributes['authkit.connection.id'] === connection.id);
    expect(requests).toHaveLength(50);
    for (const span of requests) {
      expect(span.name).toBe('GET');
      expect(span.attributes).toMatchObject({
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'authkit.provider.id': 'plannr',
        'authkit.outcome': 'success',
        'authkit.refresh.waited': true,
        'url.full': `${h.sandbox.endpoints.plannr.baseUrl}/api/v1/contacts`,
      });
    }

    const exported = await exportedMetrics();
    expect(exported.get('authkit.token.refreshes')).toEqual([{ attributes: { 'authkit.provider.id': 'plannr', 'authkit.outcome': 'success' }, value: 1 }]);
    expect((exported.get('authkit.token.refresh.duration')?.[0]?.value as { count: number }).count).toBe(1);
    expect((exported.get('authkit.lock.wait.duration')?.[0]?.value as { count: number }).count).toBeGreaterThanOrEqual(1);
  });

  it('a request that fails records error.type and the status change, never the credential or a query', async () => {
    const connection = await h.authkit.connectStatic({ providerId: 'cc-query', ownerId: 'otel', credential: { kind: 'api_key', key: 'not-a-valid-key-4711' } });
    resetSpans();
    await h.authkit.client('cc-query', connection.id).fetch('/v1/data').catch(() => undefined);
    const [span] = spans.getFinishedSpans();
    expect(span?.attributes).toMatchObject({ 'http.response.status_code': 401, 'error.type': 'unauthenticated', 'authkit.outcome': 'failure' });
    expect(span?.attributes['url.full']).toBe(`${h.sandbox.endpoints.clientCredentials.baseUrl}/v1/data`);
    const exported = await exportedMetrics();
    expect(exported.get('authkit.connection.status_changes')).toContainEqual({
      attributes: { 'authkit.provider.id': 'cc-query', 'authkit.status': 'invalid_credential' },
      value: 1,
    });
  });

  it('an instance with telemetry: false emits nothing, while another one with it on does', async () => {
    const off = h.makeAuthKit({ telemetry: false });
    const quiet = await off.connectStatic({ providerId: 'cc-query', ownerId: 'otel-off', credential: { kind: 'api_key', key: 'not-a-valid-key-4711' } });
    const loud = await h.authkit.connectStatic({ providerId: 'cc-query', ownerId: 'otel-on', credential: { kind: 'api_key', key: 'not-a-valid-key-4711' } });
    resetSpans();
    await off.client('cc-query', quiet.id).fetch('/v1/data').catch(() => undefined);
    expect(spans.getFinishedSpans()).toEqual([]);
    await h.authkit.client('cc-query', loud.id).fetch('/v1/data').catch(() => undefined);
    expect(spans.getFinishedSpans().map((span) => span.attributes['authkit.connection.id'])).toEqual([loud.id]);
  });

  it('no exported attribute holds a secret', async () => {
    const secrets: string[] = ['not-a-valid-key-4711', ...Object.values(h.sandbox.demoClients).flatMap((c) => ('clientSecret' in c && c.clientSecret ? [c.clientSecret] : []))];
    for (const connection of await h.authkit.listConnections()) {
      const record = await h.authkit.readConnectionRecord(connection.id);
      const credential = record?.credential;
      if (credential?.kind === 'oauth2') secrets.push(credential.accessToken.reveal(), ...(credential.refreshToken ? [credential.refreshToken.reveal()] : []));
    }
    resetSpans();
    const exported = JSON.stringify([history, [...(await exportedMetrics()).values()]]);
    expect(history.length).toBeGreaterThan(50);
    expect(secrets.length).toBeGreaterThan(3);
    for (const secret of secrets) expect(exported.includes(secret), 'a secret was exported').toBe(false);
  });
});
