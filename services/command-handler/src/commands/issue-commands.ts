import {
  actionFailedReply,
  type ApiUser,
  genericAccessDeniedReply,
  ISSUE_SEARCH_LIMIT,
  issueAlreadyClosedReply,
  issueCloseReply,
  issueCommentReply,
  issueMoveReply,
  issueNewReply,
  issueSearchReply,
  issueShowReply,
  notFoundReply,
} from '@chatops/commands';
import { gitlabFailureOf } from '@chatops/gitlab';
import { asIssue, asIssues, asProject } from '../gitlab-api';
import { type ProjectCommand } from './context';

export const issueShow: ProjectCommand<'issue_show'> = async (context, command) => {
  const issue = asIssue(await context.api.Issues.show(command.iid, { projectId: context.gitlabProject.id }));
  return issueShowReply(issue, context.gitlabProject, context.flavour);
};

export const issueNew: ProjectCommand<'issue_new'> = async (context, command) => {
  const issue = asIssue(
    await context.api.Issues.create(
      context.gitlabProject.id,
      command.title,
      command.description ? { description: command.description } : {},
    ),
  );
  return issueNewReply(issue, context.gitlabProject, context.actor, context.flavour);
};

export const issueSearch: ProjectCommand<'issue_search'> = async (context, command) => {
  const issues = asIssues(
    await context.api.Issues.all({
      projectId: context.gitlabProject.id,
      search: command.query,
      perPage: ISSUE_SEARCH_LIMIT,
      maxPages: 1,
    }),
  );
  return issues.length === 0
    ? notFoundReply(context.flavour)
    : issueSearchReply(issues.slice(0, ISSUE_SEARCH_LIMIT), context.flavour);
};

export const issueClose: ProjectCommand<'issue_close'> = async (context, command) => {
  const projectId = context.gitlabProject.id;
  const issue = asIssue(await context.api.Issues.show(command.iid, { projectId }));
  if (issue.state === 'closed') return issueAlreadyClosedReply(issue, context.flavour);
  const closed = asIssue(await context.api.Issues.edit(projectId, command.iid, { stateEvent: 'close' }));
  return issueCloseReply(closed, context.gitlabProject, context.actor, context.flavour);
};

export const issueComment: ProjectCommand<'issue_comment'> = async (context, command) => {
  const projectId = context.gitlabProject.id;
  const issue = asIssue(await context.api.Issues.show(command.iid, { projectId }));
  // GitLab's own check, before asking the API (which would only say "body is missing").
  if (command.body === '') return actionFailedReply(["Note can't be blank"], context.flavour);
  try {
    const note = (await context.api.IssueNotes.create(projectId, command.iid, command.body)) as unknown as {
      id: number;
      body: string;
      author?: ApiUser | null;
    };
    // GitLab's card shows the note's author as GitLab has them (full name, avatar).
    return issueCommentReply(
      issue,
      context.gitlabProject,
      { id: note.id, body: note.body, author: note.author ?? context.actor },
      context.flavour,
    );
  } catch (error) {
    // The issue is readable but not commentable (locked discussion): GitLab's generic denial.
    if (gitlabFailureOf(error).status === 403) return genericAccessDeniedReply(context.flavour);
    throw error;
  }
};

export const issueMove: ProjectCommand<'issue_move'> = async (context, command) => {
  const projectId = context.gitlabProject.id;
  const issue = asIssue(await context.api.Issues.show(command.iid, { projectId }));
  const target = asProject(await context.api.Projects.show(command.projectPath));
  try {
    const moved = asIssue(await context.api.Issues.move(projectId, command.iid, target.id));
    return issueMoveReply(issue, moved, context.flavour);
  } catch (error) {
    const failure = gitlabFailureOf(error);
    if (failure.status === 400)
      return actionFailedReply([failure.message.replace(/^400 Bad request - /, '')], context.flavour);
    throw error;
  }
};
