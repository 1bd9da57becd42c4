import {
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ProxyTracerProvider,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

/** W3C trace context as carried inside job data, so one trace spans gateway → worker → chat. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

export const tracer = trace.getTracer('chatops');

/** The active trace context as plain JSON fields (empty when tracing is off). */
export function injectTraceContext(ctx: Context = context.active()): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const result: TraceCarrier = {};
  if (carrier.traceparent) result.traceparent = carrier.traceparent;
  if (carrier.tracestate) result.tracestate = carrier.tracestate;
  return result;
}

export function extractTraceContext(carrier: TraceCarrier | undefined): Context {
  return carrier ? propagation.extract(context.active(), carrier) : context.active();
}

/** What `fn` is given when tracing is off: records nothing, as the no-op tracer's spans do. */
const UNTRACED = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Whether a tracer provider is registered (startTracing's, or a test's). Until one is, every span
 * is a no-op, and so is the context a span would carry (no context manager, no propagator).
 */
function tracingIsOn(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegateTracer('chatops') !== undefined;
}

/**
 * Runs `fn` inside a span, recording an exception and error status if it throws. With tracing off
 * it just runs `fn` and hands back its promise: the no-op span, its context and a wrapping async
 * function cost every webhook a few microseconds and allocations for nothing. `parent` defaults
 * to the active context.
 */
export function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  parent?: Context,
): Promise<T> {
  if (!tracingIsOn()) {
    // A function that throws before its first await still rejects, as it would inside a span.
    try {
      return fn(UNTRACED);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return tracer.startActiveSpan(name, { attributes }, parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
