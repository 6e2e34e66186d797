import { describe, expect, it } from 'vitest';
import { slackToPlainText } from '../../../../ingest/readers/slack-text.js';

const names = {
  user: (id: string) => ({ U1: 'Alice Chen' })[id],
  channel: (id: string) => ({ C1: 'driverkit' })[id],
};

describe('slackToPlainText', () => {
  it.each([
    ['<@U1> and <@U2|bob> and <@U3>', '@Alice Chen and @bob and @U3'],
    ['see <#C1> or <#C2|usb> or <#C3>', 'see #driverkit or #usb or #C3'],
    ['<https://developer.apple.com/documentation|the docs>', 'the docs (https://developer.apple.com/documentation)'],
    ['<https://example.org> and <https://example.org|https://example.org>', 'https://example.org and https://example.org'],
    ['mail <mailto:dev@example.org|dev@example.org>', 'mail dev@example.org'],
    ['a &lt; b &amp;&amp; c &gt; d, &amp;lt; stays', 'a < b && c > d, &lt; stays'],
    ['<!subteam^S1|@drivers> and <!subteam^S2>', '@drivers and @group'],
    ['posted <!date^1392734382^{date_short}|Feb 18, 2014>', 'posted Feb 18, 2014'],
  ])('%s → %s', (input, expected) => {
    expect(slackToPlainText(input, names)).toBe(expected);
  });

  it('turns broadcasts into plain words, never into another broadcast or Slack syntax', () => {
    const text = slackToPlainText('<!channel> <!here|here> <!everyone>', names);
    expect(text).toBe('@channel @here @everyone');
    expect(text).not.toMatch(/<!|<@/);
  });

  it('leaves typed, escaped angle brackets as text rather than reading them as mentions', () => {
    expect(slackToPlainText('type &lt;@U1&gt; to mention', names)).toBe('type <@U1> to mention');
  });
});
