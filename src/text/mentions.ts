/**
 * The one pattern for chat mentions, in Discord's and Slack's syntaxes: `<@123>`, `<@!123>`,
 * `<@&role>`, `<#channel>`, `<@U123|name>`, `<!channel>`, `<!here>`, `<!subteam^S1|team>`, and the
 * bare `@everyone`, `@here`, `@channel`. Questions lose them; untrusted text has them defused.
 */
const CHAT_MENTION = /<(?:@[!&]?|#|!)[^<>\n]{0,120}>|@(?:everyone|here|channel)\b/gi;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Mentions removed (each becomes a space), for text that is read, not shown. */
export function stripMentions(text: string): string {
  return text.replace(CHAT_MENTION, ' ');
}

/** Every mention kept readable but inert: a zero-width space after its `<` or `@`. */
export function defuseMentions(text: string): string {
  return text.replace(CHAT_MENTION, (mention) => (mention.startsWith('<') ? `<\u200b${mention.slice(1)}` : `@\u200b${mention.slice(1)}`));
}

/** Control characters (other than tab, newline and carriage return) removed. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}
