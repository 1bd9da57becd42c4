export { QueueName, ALL_QUEUES } from './queue-names';
export { jobCatalog, priorDeliveryAttempts, retryDelayMs, type JobData, type JobInput } from './catalog';
export { jobMetaSchema, type JobMeta } from './schemas/meta';
export { eventJobSchema, type EventJob } from './schemas/event-job';
export { deliveryJobSchema, type DeliveryJob } from './schemas/delivery-job';
export { commandJobSchema, type CommandJob } from './schemas/command-job';
export { chatopsRunJobSchema, type ChatOpsRunJob } from './schemas/chatops-run-job';
export { alertPollJobSchema, type AlertPollJob } from './schemas/alert-poll-job';
export {
  INCIDENT_CHOICE_ACTION,
  INCIDENT_FOLLOW_UPS,
  INCIDENT_FORM_CALLBACK,
  INCIDENT_FORM_SESSIONS,
  INCIDENT_PROJECT_ACTION,
  incidentJobSchema,
  type IncidentAction,
  type IncidentJob,
} from './schemas/incident-job';
export {
  createProducerConnection,
  createWorkerConnection,
  type RedisConnection,
  type RedisTarget,
} from './connections';
export { JobQueues, type EnqueueOptions, type EnqueueResult } from './job-queues';
export { listFailedEvents, retryFailedEvent, type FailedEvent, type RetryFailedEventResult } from './failed-events';
export { queueCounts, type QueueCounts } from './queue-counts';
export { defineWorker, type JobContext, type JobHandler, type WorkerOptions } from './define-worker';
export { createJobMetrics, type JobMetrics } from './job-metrics';
