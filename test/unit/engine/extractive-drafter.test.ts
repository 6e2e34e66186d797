import { describe, expect, it } from 'vitest';
import { ExtractiveDrafter } from '../../../src/engine/draft/extractive-drafter.js';
import { decodeReturnCode } from '../../../src/engine/query/iokit-return-codes.js';
import type { DraftThread } from '../../../src/engine/draft/drafter.js';

const threads: DraftThread[] = [
  {
    title: 'App cannot open the user client',
    url: 'https://example.org/1',
    question: 'IOServiceOpen fails with kIOReturnNotPrivileged. The dext is running.',
    answers: ['The app needs the com.apple.developer.driverkit.userclient-access entitlement listing your dext bundle id. Then rebuild the app and reinstall it.', 'Also check the provisioning profile.'],
  },
  { title: 'Same problem on iPad', url: null, question: 'On iPad IOServiceOpen returns not privileged too. Nobody has answered this yet.', answers: [] },
];

/** Every quoted passage (between “ and ”) with the [n] it is attributed to. */
function quotes(text: string): Array<{ n: number; quote: string }> {
  return [...text.matchAll(/\[(\d+)\][^“]*“([^”]*)”/g)].map((match) => ({ n: Number(match[1]), quote: match[2] as string }));
}

describe('ExtractiveDrafter', () => {
  it('only states sentences that appear verbatim in the thread it cites', async () => {
    const result = await new ExtractiveDrafter().draft({ question: 'my app gets not privileged from IOServiceOpen', threads, decodedCodes: [], context: [] });
    expect(result.mode).toBe('extractive');
    const found = quotes(result.text);
    expect(found.map((entry) => entry.n)).toEqual([1, 2]);
    for (const { n, quote } of found) {
      const thread = threads[n - 1]!;
      const source = [thread.question, ...thread.answers].join('\n');
      for (const sentence of quote.split(/(?<=[.!?])\s+/)) expect(source).toContain(sentence);
    }
  });

  it('prefers replies over the question when a thread has them', async () => {
    const result = await new ExtractiveDrafter().draft({ question: 'which entitlement does the app need for the user client', threads, decodedCodes: [], context: [] });
    expect(result.text).toContain('userclient-access entitlement');
    expect(result.text).not.toContain('The dext is running');
  });

  it('explains a decoded error code from the table', async () => {
    const result = await new ExtractiveDrafter().draft({ question: 'what is 0xe00002c1', threads, decodedCodes: [decodeReturnCode('0xe00002c1')!], context: [] });
    expect(result.text.split('\n\n')[0]).toBe('0xe00002c1 is kIOReturnNotPrivileged: "privilege violation" (system 0x38 (IOKit (sys_iokit)), subsystem 0x0 (common (sub_iokit_common)), code 0x2c1).');
  });

  it('says when none of the threads has a reply', async () => {
    const result = await new ExtractiveDrafter().draft({ question: 'ipad not privileged', threads: [threads[1]!], decodedCodes: [], context: [] });
    expect(result.text).toContain('no replies in the index yet');
  });
});
