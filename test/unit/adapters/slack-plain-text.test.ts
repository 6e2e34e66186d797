import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/adapters/slack/slack-learning.js';

describe('Slack markup in a learned thread', () => {
  it('keeps link addresses, names channels, defuses broadcasts, unescapes last, and leaves user mentions to the learner', () => {
    expect(plainText('see <https://developer.apple.com/forums/thread/1|the thread> and <https://x.org/a>')).toBe('see the thread (https://developer.apple.com/forums/thread/1) and https://x.org/a');
    expect(plainText('ask in <#C123|driver-help>, <!here>')).toBe('ask in #driver-help, @here');
    expect(plainText('if (a &lt; b &amp;&amp; c &gt; d) thanks <@U42>')).toBe('if (a < b && c > d) thanks <@U42>');
    expect(plainText('&lt;@U1&gt; typed by hand')).toBe('<@U1> typed by hand');
  });
});
