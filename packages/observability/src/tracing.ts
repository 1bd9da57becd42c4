import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TracingHandle {
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK when the operator asked for traces through the standard
 * OTEL_* variables, and does nothing otherwise: tracing is off unless configured.
 * Honours OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER (otlp | console | none) and the OTLP
 * exporter's own OTEL_EXPORTER_OTLP_* variables, which the exporter reads itself.
 */
export function startTracing(serviceName: string, env: Record<string, string | undefined>): TracingHandle | undefined {
  if (env.OTEL_SDK_DISABLED === 'true') return undefined;
  const exporterName = env.OTEL_TRACES_EXPORTER ?? (hasOtlpEndpoint(env) ? 'otlp' : 'none');
  const exporter = createExporter(exporterName);
  if (!exporter) return undefined;

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

function createExporter(name: string): SpanExporter | undefined {
  switch (name) {
    case 'otlp':
      return new OTLPTraceExporter();
    case 'console':
      return new ConsoleSpanExporter();
    default:
      return undefined;
  }
}
