import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { withSpan } from './trace-context';

// One file, in order: first without a tracer provider, then with one registered (it stays global).
describe('withSpan', () => {
  it('runs the function with a span that records nothing while tracing is off', async () => {
    const result = await withSpan('off', { a: 1 }, async (span) => {
      expect(span.isRecording()).toBe(false);
      return 'done';
    });
    expect(result).toBe('done');
    await expect(
      withSpan('off', {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const throwsAtOnce = (): Promise<string> => {
      throw new Error('thrown before any await');
    };
    const outcome = withSpan('off', {}, throwsAtOnce);
    expect(outcome).toBeInstanceOf(Promise);
    await expect(outcome).rejects.toThrow('thrown before any await');
  });

  it('records a span, with its error, once a tracer provider is registered', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    try {
      await withSpan('on', { 'chatops.test': 'yes' }, async (span) => {
        expect(span.isRecording()).toBe(true);
      });
      await expect(
        withSpan('failing', {}, async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const spans = exporter.getFinishedSpans();
      expect(spans.map((s) => s.name)).toEqual(['on', 'failing']);
      expect(spans[0]?.attributes).toEqual({ 'chatops.test': 'yes' });
      expect(spans[1]?.status.code).toBe(2); // SpanStatusCode.ERROR
      expect(spans[1]?.events.map((e) => e.name)).toEqual(['exception']);
    } finally {
      await provider.shutdown();
      trace.disable();
    }
  });
});
