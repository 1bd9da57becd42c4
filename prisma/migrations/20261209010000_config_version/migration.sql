-- A counter every service polls (docs/operations.md#configuration-changes): a trigger moves it on
-- every statement that changes configuration the services cache, whoever runs it (admin API, CLI,
-- console, Slack OAuth, a person with psql). A sequence, not a row: nextval takes no lock, so
-- writers never queue behind one another for it
CREATE SEQUENCE chatops_config_version;

-- The body has no literal semicolon (written \073): prisma's migration runner splits scripts at
-- each one, dollar quotes or not
CREATE FUNCTION chatops_bump_config_version() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN PERFORM nextval(''chatops_config_version'')\073 RETURN NULL\073 END';

CREATE TRIGGER "Project_config_version" AFTER INSERT OR UPDATE OR DELETE ON "Project"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();
CREATE TRIGGER "ProjectAlias_config_version" AFTER INSERT OR UPDATE OR DELETE ON "ProjectAlias"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();
CREATE TRIGGER "Integration_config_version" AFTER INSERT OR UPDATE OR DELETE ON "Integration"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();
CREATE TRIGGER "IntegrationRoute_config_version" AFTER INSERT OR UPDATE OR DELETE ON "IntegrationRoute"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();
CREATE TRIGGER "SlackInstallation_config_version" AFTER INSERT OR UPDATE OR DELETE ON "SlackInstallation"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();
CREATE TRIGGER "SlackAppSettings_config_version" AFTER INSERT OR UPDATE OR DELETE ON "SlackAppSettings"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();
CREATE TRIGGER "MattermostConnection_config_version" AFTER INSERT OR UPDATE OR DELETE ON "MattermostConnection"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();
CREATE TRIGGER "MattermostCommand_config_version" AFTER INSERT OR UPDATE OR DELETE ON "MattermostCommand"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();

-- Endpoints: not when the gateway only notes when an event last came (lastEventAt, about once a
-- minute per replica), which would otherwise empty every cache that often
CREATE TRIGGER "WebhookEndpoint_config_version_rows" AFTER INSERT OR DELETE ON "WebhookEndpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION chatops_bump_config_version();
CREATE TRIGGER "WebhookEndpoint_config_version_update" AFTER UPDATE ON "WebhookEndpoint"
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'lastEventAt') IS DISTINCT FROM (to_jsonb(NEW) - 'lastEventAt'))
  EXECUTE FUNCTION chatops_bump_config_version();
