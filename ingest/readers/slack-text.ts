/** Looks up the names an export knows for user and channel ids. */
export interface SlackNames {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/**
 * Slack's message markup → readable plain text. `<@U123>` becomes `@Display Name` and
 * `<#C123|general>` `#general`; `<!channel>`, `<!here>` and `<!everyone>` become the plain
 * words `@channel`, `@here`, `@everyone` (text, never Slack's broadcast syntax); links keep
 * their address (`label (https://…)`); `&lt; &gt; &amp;` are unescaped last, so text a person
 * typed as `<@U123>` stays text. Bold, italics and code markers are left: they read fine.
 */
export function slackToPlainText(text: string, names: SlackNames): string {
  return text.replace(/<([^<>\n]*)>/g, (_match, inner: string) => token(inner, names)).replace(/&(?:lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

function token(inner: string, names: SlackNames): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `@${names.user(id) ?? label?.replace(/^@/, '') ?? id}`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `#${names.channel(id) ?? label?.replace(/^#/, '') ?? id}`;
  }
  if (target.startsWith('!')) return special(target.slice(1), label);
  const address = target.replace(/^mailto:/, '');
  return label === undefined || label === address || label === target ? address : `${label} (${address})`;
}

/** `<!…>` commands: broadcasts, user groups, dates. */
function special(command: string, label: string | undefined): string {
  if (command === 'channel' || command === 'here' || command === 'everyone') return `@${command}`;
  if (command.startsWith('subteam^')) return label ?? '@group';
  // <!date^1392734382^{date_short}|Feb 18, 2014>: the fallback text is what a reader would see.
  if (command.startsWith('date^')) return label ?? '';
  return label ?? command;
}
