import { authMethods } from './auth.js';
import { chatMethods } from './chat.js';
import { conversationMethods } from './conversations.js';
import { type SlackMethod } from './method.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';

/** Every Web API method the fake implements; anything else answers `unknown_method`. */
export const slackMethods: Readonly<Record<string, SlackMethod>> = {
  ...authMethods,
  ...chatMethods,
  ...conversationMethods,
  ...userMethods,
  ...viewMethods,
};
