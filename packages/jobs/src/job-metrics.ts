import { Counter, Histogram, type Registry } from 'prom-client';

export interface JobMetrics {
  processed: Counter<'queue' | 'outcome'>;
  duration: Histogram<'queue'>;
  queueLatency: Histogram<'queue'>;
}

export function createJobMetrics(registry: Registry): JobMetrics {
  return {
    processed: new Counter({
      name: 'chatops_jobs_processed_total',
      help: 'Jobs processed, by queue and outcome (completed, retry, delayed, failed, invalid)',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'chatops_job_duration_seconds',
      help: 'Time spent processing a job',
      labelNames: ['queue'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queueLatency: new Histogram({
      name: 'chatops_job_queue_latency_seconds',
      help: 'Time from enqueue to the start of processing',
      labelNames: ['queue'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 300],
      registers: [registry],
    }),
  };
}
