import { type ApiProject } from '@chatops/gitlab';
import { type Project } from '../api-types';
import { CONSOLE_PREFIX } from '../options';
import { Csrf, Errors } from './forms';
import { type Chrome, Layout } from './layout';

export interface ProjectsPageProps {
  chrome: Chrome;
  projects: Project[];
  search: string;
  results: ApiProject[];
  error?: string | undefined;
}

/** GitLab's projects matching the search, each added in one click (no ids to type). */
export function SearchResults(props: { chrome: Chrome; results: ApiProject[]; added: Project[]; search: string }) {
  const byGitLabId = new Map(props.added.map((p) => [p.gitlabProjectId, p]));
  if (props.results.length === 0)
    return (
      <ul id="project-results" class="results">
        <li>{props.search ? `No project of yours matches “${props.search}”.` : 'No project of yours in GitLab.'}</li>
      </ul>
    );
  return (
    <ul id="project-results" class="results">
      {props.results.map((gitlab) => {
        const added = byGitLabId.get(gitlab.id);
        return (
          <li>
            <span>
              <strong>{gitlab.name_with_namespace}</strong> <code>{gitlab.path_with_namespace}</code>
            </span>
            {added ? (
              <a href={`${CONSOLE_PREFIX}/projects/${added.id}`}>Added: manage</a>
            ) : (
              <form method="post" action={`${CONSOLE_PREFIX}/projects`} class="inline">
                <Csrf token={props.chrome.csrf} />
                <input type="hidden" name="gitlabProjectId" value={String(gitlab.id)} />
                <button type="submit" aria-label={`Add ${gitlab.path_with_namespace}`}>
                  Add
                </button>
              </form>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function ProjectsPage(props: ProjectsPageProps) {
  return (
    <Layout title="Projects" chrome={props.chrome}>
      <Errors message={props.error} />
      {props.projects.length === 0 ? (
        <p>No project is set up in chatops yet{props.chrome.user.isAdmin ? '' : ' among those you maintain'}.</p>
      ) : (
        <table>
          <caption>Projects in chatops{props.chrome.user.isAdmin ? '' : ' that you maintain'}</caption>
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Default branch</th>
              <th scope="col">GitLab</th>
            </tr>
          </thead>
          <tbody>
            {props.projects.map((p) => (
              <tr>
                <td>
                  <a href={`${CONSOLE_PREFIX}/projects/${p.id}`}>{p.pathWithNamespace}</a>
                </td>
                <td>{p.defaultBranch}</td>
                <td>
                  <a href={p.webUrl}>{p.webUrl}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section>
        <h2>Add a project from GitLab</h2>
        <form method="get" action={`${CONSOLE_PREFIX}/projects`} role="search">
          <label for="search">Search your GitLab projects</label>
          <input
            id="search"
            name="search"
            type="search"
            value={props.search}
            autocomplete="off"
            data-live-search={`${CONSOLE_PREFIX}/projects/search`}
            data-results="project-results"
          />
          <button type="submit" class="secondary">
            Search
          </button>
        </form>
        <div aria-live="polite">
          <SearchResults chrome={props.chrome} results={props.results} added={props.projects} search={props.search} />
        </div>
      </section>
    </Layout>
  );
}
