import { type PipelineStatus } from './types.js';

const FINISHED: readonly PipelineStatus[] = ['success', 'failed', 'canceled', 'skipped'];

/** Moves a pipeline or job to a status, stamping started/finished times the way a runner's updates would. */
export function applyCiStatus(
  target: { status: PipelineStatus; startedAt: string | null; finishedAt: string | null },
  status: PipelineStatus,
  now: string,
): void {
  target.status = status;
  if (status === 'running' || FINISHED.includes(status)) target.startedAt ??= now;
  target.finishedAt = FINISHED.includes(status) ? now : null;
}
