import type * as OpenTelemetryApi from '@opentelemetry/api';

/** `@opentelemetry/api`, as this module uses it. Never part of AuthKit's public types. */
export type OtelApi = typeof OpenTelemetryApi;

// A specifier bundlers cannot follow: the package is an optional peer dependency, and an
// edge bundle without it must build. Where it is absent, the import fails and nothing happens.
const MODULE = '@opentelemetry/api';
let api: OtelApi | undefined;
let loading: Promise<OtelApi | undefined> | undefined;

/** Loads `@opentelemetry/api` once, lazily; resolves undefined when it is not installed. */
export function loadOpenTelemetry(): Promise<OtelApi | undefined> {
  loading ??= (import(/* @vite-ignore */ /* webpackIgnore: true */ MODULE) as Promise<OtelApi>).then(
    (module) => (api = module),
    () => undefined,
  );
  return loading;
}

/** The API if it has loaded by now (instrumentation never waits for it). */
export function openTelemetry(): OtelApi | undefined {
  return api;
}
