import { type SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface TracingHandle {
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK when the operator asked for traces through the standard
 * OTEL_* variables, and does nothing otherwise: tracing is off unless configured.
 * Honours OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER (otlp | console | none) and the OTLP
 * exporter's own OTEL_EXPORTER_OTLP_* variables, which the exporter reads itself.
 * The SDK is loaded only then: its modules (protobuf, exporters) are about 20 MB of a
 * service's resident memory, which a service that exports nothing should not carry.
 */
export async function startTracing(
  serviceName: string,
  env: Record<string, string | undefined>,
): Promise<TracingHandle | undefined> {
  if (env.OTEL_SDK_DISABLED === 'true') return undefined;
  const exporterName = env.OTEL_TRACES_EXPORTER ?? (hasOtlpEndpoint(env) ? 'otlp' : 'none');
  const exporter = await createExporter(exporterName);
  if (!exporter) return undefined;

  const [{ resourceFromAttributes }, { BatchSpanProcessor }, { NodeTracerProvider }] = await Promise.all([
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-trace-node'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // Registers the global tracer provider, the AsyncLocalStorage context manager and the W3C propagator.
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

function hasOtlpEndpoint(env: Record<string, string | undefined>): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

async function createExporter(name: string): Promise<SpanExporter | undefined> {
  switch (name) {
    case 'otlp':
      return new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
    case 'console':
      return new (await import('@opentelemetry/sdk-trace-base')).ConsoleSpanExporter();
    default:
      return undefined;
  }
}
