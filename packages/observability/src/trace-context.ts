import {
  context,
  propagation,
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

/** Runs `fn` inside a span, recording an exception and error status if it throws. */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, parent, async (span) => {
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
