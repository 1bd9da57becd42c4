import { type BranchScope } from '@chatops/db';
import { isTagRef, refName } from '@chatops/gitlab';
import { type EventFacts } from '@chatops/messages';

export type RefContext = Pick<EventFacts, 'ref' | 'defaultBranch' | 'refProtected'>;

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

/** Why `branch` is not among the branches `scope` notifies, naming the default branch the event carries. */
export function describeRefScope(scope: BranchScope, branch: string, context: RefContext): string {
  const defaultBranch = context.defaultBranch
    ? `the default branch (${context.defaultBranch})`
    : 'the default branch (the event does not say which branch that is)';
  switch (scope) {
    case 'default':
      return `branch ${branch} is not ${defaultBranch}; this integration notifies the default branch only`;
    case 'protected':
      return `branch ${branch} is not protected; this integration notifies protected branches only`;
    case 'default_and_protected':
      return `branch ${branch} is neither ${defaultBranch} nor protected; this integration notifies those only`;
    case 'all':
      return `branch ${branch} is notified`;
  }
}
