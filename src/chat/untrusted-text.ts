import { defuseMentions, stripControlCharacters, stripMentions } from '../text/mentions.js';

/**
 * Forum posts and user messages are data. Before any of it is sent to a chat platform it
 * loses everything that could notify people: @everyone/@here, user, role and channel
 * mentions in Discord's and Slack's syntaxes. Control characters go too.
 */
export function neutraliseMentions(text: string): string {
  return stripControlCharacters(defuseMentions(text));
}

export { stripMentions };
