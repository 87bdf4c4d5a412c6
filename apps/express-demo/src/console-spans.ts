/**
 * With AUTHKIT_OTEL_CONSOLE=1, AuthKit's OpenTelemetry spans (one per signed request, one per
 * token request) are printed on the console: what registering any exporter looks like.
 * Loaded only when asked, so the demo never loads the SDK otherwise.
 */
export async function printSpansOnConsole(): Promise<void> {
  const [{ trace }, { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] }));
  console.log('express-demo: OpenTelemetry spans are printed on the console (AUTHKIT_OTEL_CONSOLE=1)');
}
