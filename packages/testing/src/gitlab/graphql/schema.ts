import { buildSchema, GraphQLError, type GraphQLScalarType, Kind, type GraphQLSchema } from 'graphql';

/**
 * Resolvers::AlertManagement::AlertResolver's arguments: GitLab answers `alertManagementAlert` with
 * the same resolver (its `.single`), so both fields filter alike; the list adds the connection's.
 */
const ALERT_ARGUMENTS = [
  'iid: String',
  'statuses: [AlertManagementStatus!]',
  'sort: AlertManagementAlertSort',
  'domain: AlertManagementDomainFilter! = operations',
  'search: String',
  'assigneeUsername: String',
].join(', ');

/**
 * A subset of GitLab's GraphQL schema (doc/api/graphql/reference): the same type, field, argument,
 * enum and payload names, so a query written against the fake runs unchanged against GitLab. Fields
 * GitLab has but the fake does not are simply absent: querying one fails validation, as a typo would.
 */
const SDL = /* GraphQL */ `
  scalar Time
  scalar IssueID
  scalar UserID
  scalar IncidentManagementTimelineEventID
  scalar IncidentManagementIssuableResourceLinkID

  enum IssuableSeverity {
    UNKNOWN
    LOW
    MEDIUM
    HIGH
    CRITICAL
  }
  enum IssueEscalationStatus {
    TRIGGERED
    ACKNOWLEDGED
    RESOLVED
  }
  enum IssueType {
    ISSUE
    INCIDENT
    TEST_CASE
    TASK
  }
  enum IssueState {
    opened
    closed
    locked
    all
  }
  enum UserState {
    active
    blocked
    deactivated
  }
  enum AlertManagementSeverity {
    CRITICAL
    HIGH
    MEDIUM
    LOW
    INFO
    UNKNOWN
  }
  enum AlertManagementStatus {
    TRIGGERED
    ACKNOWLEDGED
    RESOLVED
    IGNORED
  }
  enum AlertManagementDomainFilter {
    operations
    threat_monitoring
  }
  enum IssuableResourceLinkType {
    general
    zoom
    slack
    pagerduty
  }
  enum AlertManagementAlertSort {
    updated_desc
    updated_asc
    created_desc
    created_asc
    UPDATED_DESC
    UPDATED_ASC
    CREATED_DESC
    CREATED_ASC
    STARTED_AT_ASC
    STARTED_AT_DESC
    ENDED_AT_ASC
    ENDED_AT_DESC
    CREATED_TIME_ASC
    CREATED_TIME_DESC
    UPDATED_TIME_ASC
    UPDATED_TIME_DESC
    EVENT_COUNT_ASC
    EVENT_COUNT_DESC
    SEVERITY_ASC
    SEVERITY_DESC
    STATUS_ASC
    STATUS_DESC
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  type UserCore {
    id: UserID!
    username: String!
    name: String!
    state: UserState!
    webUrl: String!
    avatarUrl: String
  }
  type UserCoreEdge {
    cursor: String!
    node: UserCore
  }
  type UserCoreConnection {
    count: Int!
    edges: [UserCoreEdge]
    nodes: [UserCore]
    pageInfo: PageInfo!
  }

  type Label {
    id: ID!
    title: String!
    color: String!
    textColor: String!
    description: String
  }
  type LabelEdge {
    cursor: String!
    node: Label
  }
  type LabelConnection {
    count: Int!
    edges: [LabelEdge]
    nodes: [Label]
    pageInfo: PageInfo!
  }

  type Issue {
    id: ID!
    iid: ID!
    title: String!
    description: String
    state: IssueState!
    type: IssueType
    severity: IssuableSeverity
    escalationStatus: IssueEscalationStatus
    confidential: Boolean!
    discussionLocked: Boolean!
    dueDate: Time
    webUrl: String!
    webPath: String!
    reference(full: Boolean = false): String!
    projectId: Int!
    createdAt: Time!
    updatedAt: Time!
    closedAt: Time
    author: UserCore!
    assignees(after: String, before: String, first: Int, last: Int): UserCoreConnection
    labels(after: String, before: String, first: Int, last: Int): LabelConnection
    issuableResourceLinks(
      incidentId: IssueID!
      after: String
      before: String
      first: Int
      last: Int
    ): IssuableResourceLinkConnection
  }

  type IssuableResourceLink {
    id: IncidentManagementIssuableResourceLinkID!
    issue: Issue!
    link: String!
    linkText: String
    linkType: IssuableResourceLinkType!
  }
  type IssuableResourceLinkEdge {
    cursor: String!
    node: IssuableResourceLink
  }
  type IssuableResourceLinkConnection {
    edges: [IssuableResourceLinkEdge]
    nodes: [IssuableResourceLink]
    pageInfo: PageInfo!
  }

  type TimelineEventType {
    id: IncidentManagementTimelineEventID!
    note: String
    noteHtml: String
    occurredAt: Time!
    action: String!
    editable: Boolean!
    createdAt: Time!
    updatedAt: Time!
    author: UserCore
    incident: Issue!
  }
  type TimelineEventTypeEdge {
    cursor: String!
    node: TimelineEventType
  }
  type TimelineEventTypeConnection {
    edges: [TimelineEventTypeEdge]
    nodes: [TimelineEventType]
    pageInfo: PageInfo!
  }

  type AlertManagementAlert {
    id: ID!
    iid: ID!
    title: String
    description: String
    severity: AlertManagementSeverity
    status: AlertManagementStatus
    service: String
    monitoringTool: String
    startedAt: Time
    endedAt: Time
    createdAt: Time
    updatedAt: Time
    eventCount: Int
    detailsUrl: String!
    webUrl: String!
  }
  type AlertManagementAlertEdge {
    cursor: String!
    node: AlertManagementAlert
  }
  type AlertManagementAlertConnection {
    count: Int!
    edges: [AlertManagementAlertEdge]
    nodes: [AlertManagementAlert]
    pageInfo: PageInfo!
  }

  type Project {
    id: ID!
    name: String!
    nameWithNamespace: String!
    fullPath: ID!
    description: String
    webUrl: String
    issue(iid: String): Issue
    alertManagementAlert(${ALERT_ARGUMENTS}): AlertManagementAlert
    alertManagementAlerts(
      ${ALERT_ARGUMENTS}
      after: String
      before: String
      first: Int
      last: Int
    ): AlertManagementAlertConnection
    incidentManagementTimelineEvents(
      incidentId: IssueID!
      after: String
      before: String
      first: Int
      last: Int
    ): TimelineEventTypeConnection
    incidentManagementTimelineEvent(id: IncidentManagementTimelineEventID!, incidentId: IssueID!): TimelineEventType
  }

  type Query {
    project(fullPath: ID!): Project
    issue(id: IssueID!): Issue
    currentUser: UserCore
  }

  input IssueSetSeverityInput {
    clientMutationId: String
    projectPath: ID!
    iid: String!
    severity: IssuableSeverity!
  }
  type IssueSetSeverityPayload {
    clientMutationId: String
    errors: [String!]!
    issue: Issue
  }

  input IssueSetEscalationStatusInput {
    clientMutationId: String
    projectPath: ID!
    iid: String!
    status: IssueEscalationStatus!
  }
  type IssueSetEscalationStatusPayload {
    clientMutationId: String
    errors: [String!]!
    issue: Issue
  }

  input TimelineEventCreateInput {
    clientMutationId: String
    incidentId: IssueID!
    note: String!
    occurredAt: Time!
    timelineEventTagNames: [String!]
  }
  type TimelineEventCreatePayload {
    clientMutationId: String
    errors: [String!]!
    timelineEvent: TimelineEventType
  }

  type Mutation {
    issueSetSeverity(input: IssueSetSeverityInput!): IssueSetSeverityPayload
    issueSetEscalationStatus(input: IssueSetEscalationStatusInput!): IssueSetEscalationStatusPayload
    timelineEventCreate(input: TimelineEventCreateInput!): TimelineEventCreatePayload
  }
`;

/** Types::GlobalIDType: `gid://gitlab/<Model>/<id>`, with GitLab's coercion messages. */
function globalId(scalar: GraphQLScalarType, model: string): void {
  const parse = (value: unknown): string => {
    const text = String(value);
    const match = /^gid:\/\/gitlab\/([\w:]+)\/(\d+)$/.exec(text);
    if (match === null) throw new GraphQLError(`${JSON.stringify(value)} is not a valid Global ID`);
    if (match[1] !== model)
      throw new GraphQLError(`${JSON.stringify(value)} does not represent an instance of ${model}`);
    return text;
  };
  scalar.parseValue = parse;
  scalar.parseLiteral = (ast) => (ast.kind === Kind.STRING ? parse(ast.value) : parse(undefined));
}

/** Types::TimeType: ISO 8601 in and out. */
function time(scalar: GraphQLScalarType): void {
  const parse = (value: unknown): string => {
    const text = typeof value === 'string' ? value : '';
    if (
      !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text) ||
      isNaN(Date.parse(text))
    )
      throw new GraphQLError(`${JSON.stringify(value)} is not a valid ISO 8601 time`);
    return new Date(text).toISOString();
  };
  scalar.parseValue = parse;
  scalar.parseLiteral = (ast) => (ast.kind === Kind.STRING ? parse(ast.value) : parse(undefined));
  // GitLab renders times as ISO 8601 with the offset, without fractions.
  scalar.serialize = (value) => (typeof value === 'string' ? value.replace(/\.\d{3}Z$/, 'Z') : value);
}

export function buildGitLabSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  const scalar = (name: string) => schema.getType(name) as GraphQLScalarType;
  time(scalar('Time'));
  globalId(scalar('IssueID'), 'Issue');
  globalId(scalar('UserID'), 'User');
  globalId(scalar('IncidentManagementTimelineEventID'), 'IncidentManagement::TimelineEvent');
  globalId(scalar('IncidentManagementIssuableResourceLinkID'), 'IncidentManagement::IssuableResourceLink');
  return schema;
}
