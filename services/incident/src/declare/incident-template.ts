import { type GitLabApi } from '@chatops/gitlab';

/** The names GitLab's incident template goes by in `.gitlab/issue_templates/` (its docs use both). */
const TEMPLATE_NAMES = ['incident', 'Incident'];

/** The project's incident template, or null when it has none (or the user may not read it). */
export async function incidentTemplate(gitlab: GitLabApi, projectId: number): Promise<string | null> {
  for (const name of TEMPLATE_NAMES) {
    const content = await gitlab.issueTemplate(projectId, name).catch(() => null);
    if (content !== null) return content;
  }
  return null;
}
