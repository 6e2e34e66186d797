import { describe, expect, it } from 'vitest';
import { titleFromText } from '../../../../ingest/readers/title-from-text.js';

describe('titleFromText', () => {
  it('takes the first line of prose, skipping code and quote markers', () => {
    expect(titleFromText('```\nkernel panic\n```\n> quoted: dext crashes on wake\nmore')).toBe('quoted: dext crashes on wake');
    expect(titleFromText('\n\n## Start() never called\n')).toBe('Start() never called');
  });

  it('cuts a long line at a word and marks the cut', () => {
    const title = titleFromText(`${'IOUSBHostInterface '.repeat(10)}end`);
    expect(title.length).toBeLessThanOrEqual(101);
    expect(title).toMatch(/IOUSBHostInterface…$/);
  });

  it('falls back to the first line of code when there is nothing else', () => {
    expect(titleFromText('```c\nIOServiceOpen(service, task, 0, &connect);\n```')).toBe('IOServiceOpen(service, task, 0, &connect);');
    expect(titleFromText('   ')).toBe('');
  });
});
