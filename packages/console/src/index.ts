export { consolePlugin } from './plugin';
export { CONSOLE_CALLBACK_PATH, CONSOLE_PREFIX, type ConsoleOptions } from './options';
export { type AdminClient, httpAdminClient, inProcessAdminClient } from './admin-client';
