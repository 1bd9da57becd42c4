export { createLogger, type Logger } from './logger';
export { startTracing, type TracingHandle } from './tracing';
export { tracer, injectTraceContext, extractTraceContext, withSpan, type TraceCarrier } from './trace-context';
export { createMetricsRegistry, type MetricsRegistry } from './metrics';
