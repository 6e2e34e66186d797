import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitSentences } from '../../../src/text/sentences.js';

describe('splitSentences', () => {
  it('never ends a sentence inside a dotted id, a version, an abbreviation, a URL or a path', () => {
    const text =
      'Add com.apple.developer.driverkit.transport.usb to the dext. It broke on macOS 15.2 with SDK 0.5 and e.g. the IOUserClient, i.e. a user client, etc. and more. See https://developer.apple.com/forums/thread/798049. Check /Library/SystemExtensions/My.dext and ~/Library/Logs/x.log. Done!';
    expect(splitSentences(text)).toEqual([
      'Add com.apple.developer.driverkit.transport.usb to the dext.',
      'It broke on macOS 15.2 with SDK 0.5 and e.g. the IOUserClient, i.e. a user client, etc. and more.',
      'See https://developer.apple.com/forums/thread/798049.',
      'Check /Library/SystemExtensions/My.dext and ~/Library/Logs/x.log.',
      'Done!',
    ]);
  });

  it('ends a sentence at ? and !, after closing quotes, and at "etc." before a new sentence', () => {
    expect(splitSentences('Is it signed? Yes! He said "rebuild it." Then it worked, etc. The end.')).toEqual([
      'Is it signed?',
      'Yes!',
      'He said "rebuild it."',
      'Then it worked, etc.',
      'The end.',
    ]);
  });

  it('keeps inline code whole', () => {
    expect(splitSentences('Call `IOService::Start(provider). Then` it runs. Next.')).toEqual(['Call `IOService::Start(provider). Then` it runs.', 'Next.']);
  });

  it('keeps a fenced block, an indented block, a shell command and a plist whole', () => {
    const text = [
      'Run this:',
      '',
      '    % systemextensionsctl list',
      '    % kmutil showloaded',
      '',
      '```',
      'int main() {',
      '  return 0; // done. Really.',
      '}',
      '```',
      '<key>com.apple.developer.driverkit</key>',
      '<true/>',
      'That is all.',
    ].join('\n');
    const spans = sentenceSpans(text).map((span) => ({ text: text.slice(span.start, span.end), code: span.code }));
    expect(spans).toEqual([
      { text: 'Run this:', code: false },
      { text: '% systemextensionsctl list\n    % kmutil showloaded', code: true },
      { text: '```\nint main() {\n  return 0; // done. Really.\n}\n```', code: true },
      { text: '<key>com.apple.developer.driverkit</key>\n<true/>', code: true },
      { text: 'That is all.', code: false },
    ]);
  });

  it('joins a hard-wrapped line, and ends a sentence at a line that ends one or starts a list item', () => {
    const text = 'The user wants to select the\ninterface before connecting.\nHeading\n  • First item.\n  • Second item\n2.Does it sleep? Yes.';
    expect(splitSentences(text)).toEqual([
      'The user wants to select the\ninterface before connecting.',
      'Heading',
      'First item.',
      'Second item',
      'Does it sleep?',
      'Yes.',
    ]);
  });

  it('marks a last sentence the text cuts off, and leaves it out of the sentences', () => {
    const spans = sentenceSpans('It fails in IOService::Start. NOT the SCSI stac');
    expect(spans.map((span) => span.complete)).toEqual([true, false]);
    expect(splitSentences('It fails in IOService::Start. NOT the SCSI stac')).toEqual(['It fails in IOService::Start.']);
    expect(sentenceSpans('Closed code:\n\n    if (ready) {\n        start();\n    }').at(-1)?.complete).toBe(true);
  });

  it('gives spans that are exact slices of the text', () => {
    const text = '  • One thing.  Two things!\n\n    code();\nThree.';
    for (const span of sentenceSpans(text)) expect(text.slice(span.start, span.end)).toBe(text.slice(span.start, span.end).trim());
    expect(splitSentences(text)).toEqual(['One thing.', 'Two things!', 'code();', 'Three.']);
  });
});
