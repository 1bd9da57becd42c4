import { type SecretBox } from '@chatops/db';
import { fetchPipelineDetails, GitLabClient, pipelineEventSchema } from '@chatops/gitlab';
import { type PipelineExtras } from '@chatops/messages';
import { type Logger } from '@chatops/observability';

interface Cached {
  extras: PipelineExtras;
  expiresAt: number;
}

export interface PipelineEnricherOptions {
  box: SecretBox;
  logger: Logger;
  /** The configured GitLab; when there is none, the origin of the project's web URL in the payload. */
  gitlab: GitLabClient | null;
  timeoutMs: number;
  ttlMs: number;
  fetchDetails?: typeof fetchPipelineDetails;
  now?: () => number;
}

/**
 * Adds what GitLab's own pipeline message shows and the webhook lacks (YAML errors, the commit
 * title), with the project's API token. Never in the way: no token, a slow or failing GitLab, or
 * an odd payload all yield no extras, and the message goes out with the payload's data.
 * Results are cached per pipeline and status, as a pipeline's events come in bursts.
 */
export class PipelineEnricher {
  private readonly cache = new Map<string, Cached>();
  private readonly byOrigin = new Map<string, GitLabClient>();

  constructor(private readonly options: PipelineEnricherOptions) {}

  async extras(payload: Record<string, unknown>, sealedToken: string | null): Promise<PipelineExtras> {
    const parsed = pipelineEventSchema.safeParse(payload);
    if (!sealedToken || !parsed.success) return {};
    const { project, object_attributes: pipeline, commit } = parsed.data;
    const key = `${project.id}:${pipeline.id}:${pipeline.status}`;
    const now = this.options.now?.() ?? Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.extras;

    const fetchDetails = this.options.fetchDetails ?? fetchPipelineDetails;
    let timer: NodeJS.Timeout | undefined;
    try {
      const details = await Promise.race([
        fetchDetails(this.gitlabFor(project.web_url), {
          token: this.options.box.open(sealedToken),
          projectId: project.id,
          pipelineId: pipeline.id,
          sha: commit?.id ?? pipeline.sha,
        }),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('GitLab API timed out')), this.options.timeoutMs);
        }),
      ]);
      const extras: PipelineExtras = {
        ...(details.commitTitle ? { commitTitle: details.commitTitle } : {}),
        ...(details.yamlErrors ? { yamlErrors: details.yamlErrors } : {}),
      };
      this.remember(key, extras, now);
      return extras;
    } catch (error) {
      this.options.logger.warn(
        { err: error, pipelineId: pipeline.id },
        'pipeline details unavailable; notifying with the webhook data',
      );
      return {};
    } finally {
      clearTimeout(timer);
    }
  }

  private gitlabFor(projectUrl: string): GitLabClient {
    if (this.options.gitlab) return this.options.gitlab;
    const origin = new URL(projectUrl).origin;
    let client = this.byOrigin.get(origin);
    if (!client) {
      if (this.byOrigin.size >= 100) this.byOrigin.clear();
      client = new GitLabClient({ url: origin, timeoutMs: this.options.timeoutMs });
      this.byOrigin.set(origin, client);
    }
    return client;
  }

  private remember(key: string, extras: PipelineExtras, now: number): void {
    if (this.cache.size >= 1000) this.cache.delete(this.cache.keys().next().value ?? '');
    this.cache.set(key, { extras, expiresAt: now + this.options.ttlMs });
  }
}
