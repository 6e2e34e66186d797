import { describe, expect, it } from 'vitest';
import type { DraftReply, DraftThread } from '../../../src/engine/draft/drafter.js';
import { ExtractiveDrafter } from '../../../src/engine/draft/extractive-drafter.js';
import { decodeReturnCode } from '../../../src/engine/query/iokit-return-codes.js';

const reply = (text: string, extra: Partial<DraftReply> = {}): DraftReply => ({ text, author: null, accepted: false, ...extra });

const threads: DraftThread[] = [
  {
    title: 'App cannot open the user client',
    url: 'https://example.org/1',
    question: 'IOServiceOpen fails with kIOReturnNotPrivileged. The dext is running.',
    answers: [
      reply(
        'The app needs the com.apple.developer.driverkit.userclient-access entitlement listing your dext bundle id. Then rebuild the app and reinstall it.',
      ),
      reply('Also check the provisioning profile.'),
    ],
  },
  { title: 'Same problem on iPad', url: null, question: 'On iPad IOServiceOpen returns not privileged too. Nobody has answered this yet.', answers: [] },
];

/** Every quoted passage (between “ and ”, after the thread's [n]) with the [n] it is attributed to. */
function quotes(text: string): Array<{ n: number; quote: string }> {
  return [...text.matchAll(/\[(\d+)\](?: reports)?: “([^”]*)”/g)].map((match) => ({ n: Number(match[1]), quote: match[2] as string }));
}

async function draft(question: string, given: DraftThread[]) {
  return (await new ExtractiveDrafter().draft({ question, threads: given, decodedCodes: [], context: [] })).text;
}

describe('ExtractiveDrafter', () => {
  it('only states sentences that appear verbatim in the thread it cites', async () => {
    const text = await draft('my app gets not privileged from IOServiceOpen', threads);
    const found = quotes(text);
    expect(found.map((entry) => entry.n)).toEqual([1, 2]);
    for (const { n, quote } of found) {
      const thread = threads[n - 1]!;
      const source = [thread.question, ...thread.answers.map((answer) => answer.text)].join('\n');
      for (const sentence of quote.split(/(?<=[.!?])\s+/)) expect(source).toContain(sentence);
    }
  });

  it('prefers replies over the question when a thread has them', async () => {
    const text = await draft('which entitlement does the app need for the user client', threads);
    expect(text).toContain('userclient-access entitlement');
    expect(text).not.toContain('The dext is running');
  });

  it('explains a decoded error code from the table', async () => {
    const result = await new ExtractiveDrafter().draft({ question: 'what is 0xe00002c1', threads, decodedCodes: [decodeReturnCode('0xe00002c1')!], context: [] });
    expect(result.text.split('\n\n')[0]).toBe(
      '0xe00002c1 is kIOReturnNotPrivileged: "privilege violation" (system 0x38 (IOKit (sys_iokit)), subsystem 0x0 (common (sub_iokit_common)), code 0x2c1).',
    );
  });

  it('says when none of the threads has a reply', async () => {
    const text = await draft('ipad not privileged', [threads[1]!]);
    expect(text).toContain('no replies in the index yet');
  });

  it('skips the sentences of a reply that quote the question back, and leads with the advice', async () => {
    const question =
      "When building in Xcode, I'm encountering an entitlement mismatch error for com.apple.developer.driverkit.userclient-access. The provisioning profile was created in the portal.";
    const echoed: DraftThread = {
      title: 'Entitlement mismatch when building',
      url: null,
      question,
      answers: [
        reply(
          "When building in Xcode, I'm encountering an entitlement mismatch error for com.apple.developer.driverkit.userclient-access.\n\nThat entitlement has to list the bundle id of the dext in the app's profile. Regenerate the profile after adding it in the portal.",
          { author: 'DTS Engineer' },
        ),
      ],
    };
    const text = await draft('entitlement mismatch error in Xcode for userclient-access', [echoed]);
    expect(text).toContain('Apple DTS in “Entitlement mismatch when building” [1]: “That entitlement has to list the bundle id');
    expect(text).not.toContain("I'm encountering");
    expect(text).not.toContain('not a confirmed fix');
  });

  it('never quotes a signature, a sign-off or a redirect, and says when no reply states a fix', async () => {
    const polite: DraftThread = {
      title: 'Dext does not match my device',
      url: null,
      question: 'My dext never matches the USB device. The idVendor is right in the personality.',
      answers: [
        reply('Please see my answer and post any follow up questions here.\n\n__\nKevin Elliott\nDTS Engineer, CoreOS/Hardware', { author: 'DTS Engineer' }),
        reply("Let’s focus this discussion on your other thread.\n\nShare and Enjoy\n\nQuinn “The Eskimo!” @ Developer Technical Support @ Apple\nlet myEmail = \"eskimo\" + \"1\" + \"@\" + \"apple.com\""),
        reply('Hope this helps! Thanks!'),
      ],
    };
    const text = await draft('dext does not match my usb device', [polite]);
    expect(text).toContain('“Dext does not match my device” [1] reports: “My dext never matches the USB device.');
    for (const unwanted of ['Please see my answer', 'Kevin Elliott', 'DTS Engineer, CoreOS', 'focus this discussion', 'Share and Enjoy', 'myEmail', 'Hope this helps']) {
      expect(text).not.toContain(unwanted);
    }
    expect(text).toContain('No reply in these threads states a fix, so this is what others ran into, not a confirmed fix.');
  });

  it('never quotes a sentence the source cuts off, and never cuts one itself', async () => {
    const cut: DraftThread = {
      title: 'SCSI target probing',
      url: null,
      question: 'Only target 0 is probed by my SCSI dext.',
      answers: [reply('The SCSI layer probes targets after UserInitializeController returns. Report each target with UserCreateTargetForID, NOT the SCSI stac')],
    };
    const text = await draft('scsi dext only probes target 0, what does the SCSI stack need', [cut]);
    expect(text).toContain('“The SCSI layer probes targets after UserInitializeController returns.”');
    expect(text).not.toContain('stac');
  });

  it('keeps a code block or command whole, with the sentence that introduces it', async () => {
    const command: DraftThread = {
      title: 'Which extensions are loaded',
      url: null,
      question: 'How can I see whether my dext is activated?',
      answers: [reply('List them with systemextensionsctl:\n\n    % systemextensionsctl list\n    % kmutil showloaded --show loaded\n\nLook for [activated enabled].')],
    };
    const text = await draft('how do I see if my dext is activated with systemextensionsctl', [command]);
    expect(text).toContain('“List them with systemextensionsctl:”\n```\n% systemextensionsctl list\n% kmutil showloaded --show loaded\n```');
  });

  it('never repeats a sentence, within a thread (scraped pages repeat the accepted answer) or across threads', async () => {
    const fix = 'Set the IOUserClass to your user client subclass in the personality.';
    const repeated: DraftThread[] = [
      { title: 'User client not created', url: null, question: 'NewUserClient is never called.', answers: [reply(`${fix}\n\nAccepted Answer\n\n${fix}`)] },
      { title: 'NewUserClient not called', url: null, question: 'My NewUserClient override never runs.', answers: [reply(`${fix} Then reinstall the dext.`)] },
    ];
    const text = await draft('NewUserClient never called, IOUserClass user client', repeated);
    expect(text.split(fix)).toHaveLength(2);
    expect(text).toContain('“Then reinstall the dext.”');
  });

  it('prefers the accepted reply, then a staff reply, over an earlier reply', async () => {
    const ranked: DraftThread = {
      title: 'Serial port after wake',
      url: null,
      question: 'The tty disappears after sleep.',
      answers: [
        reply('Same here, the serial port is gone after sleep for me too.'),
        reply('Re-register the serial port in SetPowerState when the device powers on.', { author: 'Apple DTS Engineer' }),
        reply('Handle the power state change and re-create the serial port after wake.', { accepted: true }),
      ],
    };
    const text = await draft('serial port gone after sleep', [ranked]);
    expect(text).toMatch(/^The accepted answer in “Serial port after wake” \[1\]: “Handle the power state change/);
  });
});
