import { CONSOLE_PREFIX } from '../options';
import { type Chrome, Layout } from './layout';

export function SignInPage({ notice, returnTo }: { notice?: string | undefined; returnTo: string }) {
  return (
    <Layout title="Sign in">
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>The chatops console is for GitLab administrators and for project maintainers.</p>
      <p>
        <a class="button" href={`${CONSOLE_PREFIX}/auth/gitlab?returnTo=${encodeURIComponent(returnTo)}`}>
          Sign in with GitLab
        </a>
      </p>
    </Layout>
  );
}

export function NoAccessPage({ username }: { username: string }) {
  return (
    <Layout title="No access">
      <p>
        @{username}, you are not a GitLab administrator and not a Maintainer or Owner of any project, so there is
        nothing here for you to manage. Ask a maintainer of your project, or a chatops administrator, for access.
      </p>
      <p>
        <a href={`${CONSOLE_PREFIX}/auth/sign-in`}>Sign in as someone else</a>
      </p>
    </Layout>
  );
}

export function ErrorPage(props: { chrome?: Chrome | undefined; title: string; message: string }) {
  return (
    <Layout title={props.title} chrome={props.chrome}>
      <p class="errors" role="alert">
        {props.message}
      </p>
      <p>
        <a href={`${CONSOLE_PREFIX}/`}>Back to the dashboard</a>
      </p>
    </Layout>
  );
}
