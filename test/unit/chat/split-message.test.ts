import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../../src/chat/split-message.js';

describe('splitMessage', () => {
  it('keeps a short text whole', () => {
    expect(splitMessage('short', 2000)).toEqual(['short']);
  });

  it('cuts at paragraph and word boundaries within the limit, never inside a link', () => {
    const link = '[IOUSBHostInterface docs](<https://developer.apple.com/documentation/usbdriverkit/iousbhostinterface>)';
    const text = Array.from({ length: 60 }, (_, n) => `Paragraph ${n} mentions ${link} and more words here.`).join('\n\n');
    const pieces = splitMessage(text, 500);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(500);
      expect(piece.split(link).join('')).not.toMatch(/\[IOUSBHost|usbdriverkit\/iousbhostinterface>\)/);
    }
    expect(pieces.join('\n\n')).toBe(text);
  });

  it('closes a code block at a cut and reopens it, with its language, in the next piece', () => {
    const code = '```cpp\n' + 'kern_return_t ret = Open(this, 0, nullptr);\n'.repeat(80) + '```';
    const pieces = splitMessage(`Intro.\n\n${code}\n\nOutro.`, 1000);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(1000);
      expect((piece.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(pieces[1]?.startsWith('```cpp\n')).toBe(true);
  });
});
