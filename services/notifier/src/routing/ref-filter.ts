import { type BranchScope } from '@chatops/db';
import { isTagRef, refName } from '@chatops/gitlab';

export interface RefContext {
  /** `refs/heads/x`, `refs/tags/y` or a bare branch name; undefined when the event has no ref. */
  ref: string | undefined;
  defaultBranch: string | undefined;
  /** GitLab says whether the ref is protected in push payloads (`ref_protected`). */
  refProtected: boolean | undefined;
}

/** GitLab's `branches_to_be_notified`: tags and ref-less events always pass. */
export function refPasses(scope: BranchScope, context: RefContext): boolean {
  if (!context.ref || isTagRef(context.ref)) return true;
  const branch = refName(context.ref);
  const isDefault = branch === context.defaultBranch;
  const isProtected = context.refProtected === true;
  switch (scope) {
    case 'all':
      return true;
    case 'default':
      return isDefault;
    case 'protected':
      return isProtected;
    case 'default_and_protected':
      return isDefault || isProtected;
  }
}
