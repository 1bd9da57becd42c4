import { GitLabError } from '../errors.js';
import { type GitLabIssue } from '../types.js';
import { bool, integer, list, text } from './context.js';

export const ISSUE_TYPES = ['issue', 'incident', 'test_case', 'task'] as const;
const STATES = ['opened', 'closed', 'all'] as const;
const ORDER_BY = ['created_at', 'updated_at', 'title', 'due_date'] as const;

function oneOf(values: readonly string[], params: Record<string, unknown>, key: string): string | undefined {
  const value = text(params, key);
  if (value === undefined || value === '') return undefined;
  if (!values.includes(value)) throw GitLabError.invalidValue(key);
  return value;
}

/**
 * IssuesFinder's filters that the issue lists share: state, search (title and description),
 * labels (all of them), iids, author, assignee, confidential and issue_type. Grape validates the
 * parameters first, so a bad value is a 400 whether or not any issue would match.
 */
export function issueMatcher(params: Record<string, unknown>): (issue: GitLabIssue) => boolean {
  const state = oneOf(STATES, params, 'state') ?? 'all';
  const type = oneOf(ISSUE_TYPES, params, 'issue_type');
  const search = text(params, 'search')?.toLowerCase();
  const labels = list(params, 'labels');
  const iids = list(params, 'iids');
  const authorId = integer(params, 'author_id');
  const assigneeId = integer(params, 'assignee_id');
  const confidential = bool(params, 'confidential');
  return (issue) =>
    (state === 'all' || issue.state === state) &&
    (type === undefined || issue.issueType === type) &&
    (search === undefined ||
      search === '' ||
      `${issue.title}\n${issue.description ?? ''}`.toLowerCase().includes(search)) &&
    (labels === undefined || labels.every((label) => issue.labels.includes(label))) &&
    (iids === undefined || iids.includes(String(issue.iid))) &&
    (authorId === undefined || issue.authorId === authorId) &&
    (assigneeId === undefined || issue.assigneeIds.includes(assigneeId)) &&
    (confidential === undefined || issue.confidential === confidential);
}

/** `order_by` (default created_at) and `sort` (default desc); ties fall back to id so pages never overlap. */
export function sortIssues(issues: GitLabIssue[], params: Record<string, unknown>): GitLabIssue[] {
  const orderBy = oneOf(ORDER_BY, params, 'order_by') ?? 'created_at';
  const direction = (oneOf(['asc', 'desc'], params, 'sort') ?? 'desc') === 'asc' ? 1 : -1;
  const key = (issue: GitLabIssue): string =>
    orderBy === 'title'
      ? issue.title
      : orderBy === 'updated_at'
        ? issue.updatedAt
        : orderBy === 'due_date'
          ? (issue.dueDate ?? '9999-12-31')
          : issue.createdAt;
  return [...issues].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * direction);
}
