/**
 * Forum posts and user messages are data. Before any of it is sent to a chat platform it
 * loses everything that could notify people: @everyone/@here, user, role and channel
 * mentions in Discord's and Slack's syntaxes. Control characters go too.
 */
export function neutraliseMentions(text: string): string {
  return (
    text
      // Discord: <@123>, <@!123>, <@&123>; Slack: <@U123>, <!channel>, <!here>, <!subteam^S1>
      .replace(/<([@#!])/g, '<\u200b$1')
      // A zero-width space after @ keeps the text readable but never a mention.
      .replace(/@(everyone|here|channel)\b/gi, '@\u200b$1')
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
  );
}
