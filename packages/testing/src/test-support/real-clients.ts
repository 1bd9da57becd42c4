import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The official clients are dependencies of the adapter packages, not of this one; tests load them
 * from there so the fakes are checked against exactly the versions production uses. Only the few
 * members the tests touch are typed here.
 */
const repoRoot = path.resolve(__dirname, '../../../..');

function requireFrom(packageDir: string, name: string): unknown {
  return createRequire(path.join(repoRoot, packageDir, 'package.json'))(name);
}

export type SlackResult = Record<string, unknown> & { ok: boolean };

export interface SlackWebClient {
  apiCall(method: string, options?: Record<string, unknown>): Promise<SlackResult>;
  chat: {
    postMessage(options: Record<string, unknown>): Promise<SlackResult>;
    postEphemeral(options: Record<string, unknown>): Promise<SlackResult>;
  };
  views: {
    open(options: Record<string, unknown>): Promise<SlackResult>;
    update(options: Record<string, unknown>): Promise<SlackResult>;
  };
  auth: { test(): Promise<SlackResult>; revoke(options?: Record<string, unknown>): Promise<SlackResult> };
  api: { test(options?: Record<string, unknown>): Promise<SlackResult> };
  oauth: { v2: { access(options: Record<string, unknown>): Promise<SlackResult> } };
}

export interface SlackWebApiModule {
  WebClient: new (token?: string, options?: Record<string, unknown>) => SlackWebClient;
}

export function slackWebApi(): SlackWebApiModule {
  return requireFrom('packages/chat', '@slack/web-api') as SlackWebApiModule;
}

export interface MattermostClient4 {
  setUrl(url: string): void;
  setToken(token: string): void;
  getMe(): Promise<Record<string, unknown>>;
  getMyTeams(): Promise<Array<Record<string, unknown>>>;
  getChannel(channelId: string): Promise<Record<string, unknown>>;
  createPost(post: Record<string, unknown>): Promise<Record<string, unknown>>;
  patchPost(patch: Record<string, unknown>): Promise<Record<string, unknown>>;
  getPost(postId: string): Promise<Record<string, unknown>>;
  addCommand(command: Record<string, unknown>): Promise<Record<string, unknown>>;
  getCustomTeamCommands(teamId: string): Promise<Array<Record<string, unknown>>>;
  deleteCommand(id: string): Promise<Record<string, unknown>>;
  executeCommand(command: string, commandArgs: Record<string, unknown>): Promise<Record<string, unknown>>;
  logout(): Promise<{ ok: boolean }>;
  doPostAction(postId: string, actionId: string, selectedOption?: string): Promise<Record<string, unknown>>;
  submitInteractiveDialog(data: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export function mattermostClient(): MattermostClient4 {
  const module = requireFrom('packages/chat', '@mattermost/client') as { Client4: new () => MattermostClient4 };
  return new module.Client4();
}

type Json = Record<string, unknown>;
type Id = number | string;

export interface GitbeakerApi {
  Projects: { show(projectId: Id): Promise<Json>; all(options?: Json): Promise<Json[]> };
  Issues: {
    create(projectId: Id, title: string, options?: Json): Promise<Json>;
    show(issueIid: number, options: { projectId: Id }): Promise<Json>;
    all(options: Json & { projectId?: Id }): Promise<Json[]>;
    edit(projectId: Id, issueIid: number, options: Json): Promise<Json>;
  };
  IssueNotes: {
    create(projectId: Id, issueIid: number, body: string): Promise<Json>;
    all(projectId: Id, issueIid: number): Promise<Json[]>;
  };
  Users: { showCurrentUser(): Promise<Json> };
  Pipelines: {
    create(projectId: Id, ref: string, options?: Json): Promise<Json>;
    show(projectId: Id, pipelineId: number): Promise<Json>;
  };
  Jobs: {
    all(projectId: Id, options: { pipelineId: number }): Promise<Json[]>;
    showLog(projectId: Id, jobId: number): Promise<string>;
  };
  Commits: { show(projectId: Id, sha: string): Promise<Json> };
  ProjectMembers: {
    all(projectId: Id, options?: Json): Promise<Json[]>;
    show(projectId: Id, userId: number, options?: Json): Promise<Json>;
  };
  ProjectLabels: { all(projectId: Id, options?: Json): Promise<Json[]> };
  ProjectTemplates: {
    all(projectId: Id, type: string): Promise<Json[]>;
    show(projectId: Id, type: string, name: string): Promise<Json>;
  };
  RepositoryFiles: { showRaw(projectId: Id, filePath: string, ref: string): Promise<unknown> };
  ProjectHooks: {
    add(projectId: Id, url: string, options?: Json): Promise<Json>;
    all(projectId: Id): Promise<Json[]>;
    remove(projectId: Id, hookId: number): Promise<void>;
  };
}

export function gitbeaker(options: { host: string; token?: string; oauthToken?: string }): GitbeakerApi {
  const module = requireFrom('packages/gitlab', '@gitbeaker/rest') as { Gitlab: new (options: Json) => GitbeakerApi };
  return new module.Gitlab(options);
}
