import '@fastify/secure-session';

/** Who is signed in, as GitLab said at sign-in. */
export interface ConsoleUser {
  id: number;
  username: string;
  name: string;
  /** A GitLab instance administrator, or named in CONSOLE_ADMINS: sees and manages everything. */
  isAdmin: boolean;
}

export interface GitLabTokenState {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms; null when GitLab gave no expiry. */
  expiresAt: number | null;
}

// Everything lives in the encrypted cookie (@fastify/secure-session): no server-side session store.
declare module '@fastify/secure-session' {
  interface SessionData {
    user: ConsoleUser;
    gitlabToken: GitLabTokenState;
    /** Epoch ms after which the sign-in is over, whatever the cookie's own age. */
    expiresAt: number;
    /** Between the redirect to GitLab and its callback. */
    signIn: { state: string; verifier: string; returnTo: string };
    /** An endpoint's secret token just shown, kept briefly so it can be registered in GitLab. */
    freshSecret: { endpointId: string; secret: string; until: number };
    /** A one-time message for the next page ("Integration saved"). */
    notice: string;
    /** @fastify/csrf-protection's secret. */
    _csrf: string;
  }
}
