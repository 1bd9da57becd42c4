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
