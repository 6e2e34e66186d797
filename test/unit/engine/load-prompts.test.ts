import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillTemplate, loadPrompts } from '../../../src/engine/draft/load-prompts.js';
import { bundledPromptsDir } from '../../../src/paths.js';
import { tempDir } from '../../helpers/temp-db.js';

describe('loadPrompts', () => {
  const dir = tempDir();
  afterAll(dir.remove);

  it('loads the bundled prompts, which carry every placeholder', () => {
    const prompts = loadPrompts(bundledPromptsDir());
    expect(prompts.user).toContain('{question}');
    expect(prompts.system).toMatch(/untrusted/i);
  });

  it('names the file and the missing or unknown placeholder', () => {
    const custom = join(dir.path, 'custom');
    mkdirSync(custom);
    writeFileSync(join(custom, 'answer-system.md'), 'Be brief.');
    writeFileSync(join(custom, 'answer-user.md'), 'Q: {question}\n{threadz}\n{decoded_codes}');
    expect(() => loadPrompts(custom)).toThrow(`prompt ${join(custom, 'answer-user.md')}: missing {threads}; unknown {threadz}`);
  });

  it('says which prompt file it cannot read', () => {
    expect(() => loadPrompts(join(dir.path, 'nowhere'))).toThrow(/cannot read prompt .*answer-system\.md \(PROMPTS_DIR\)/);
  });

  it('fills placeholders once, so a value that contains a placeholder stays as written', () => {
    expect(fillTemplate('{question} / {threads}', { question: 'why {threads}?', threads: 'T' })).toBe('why {threads}? / T');
  });
});
