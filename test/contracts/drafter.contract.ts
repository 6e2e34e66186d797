import { describe, expect, it } from 'vitest';
import type { DraftInput, Drafter } from '../../src/engine/draft/drafter.js';

/** One Drafter, with a way to say what its model (if any) will answer next. */
export interface DrafterUnderTest {
  drafter: Drafter;
  /** Makes the model answer `text` next; a drafter without a model ignores it. */
  modelSays(text: string): void;
  /** The mode its drafts must report (an LLM drafter that fell back would say `extractive`). */
  mode: 'llm' | 'extractive';
}

const threads: DraftInput['threads'] = [
  { title: 'Dext will not load', url: 'https://example.org/1', question: 'My dext does not load after an update.', answers: [{ text: 'Check the entitlement com.apple.developer.driverkit in the provisioning profile.', author: 'Apple DTS Engineer', accepted: true }] },
  { title: 'Exec format error', url: null, question: 'The dext fails with exec format error on macOS.', answers: [{ text: 'Rebuild the dext for arm64e and sign it again.', author: null, accepted: false }] },
];
const input: DraftInput = { question: 'Why does my dext not load?', threads, decodedCodes: [], context: [] };

/** The behaviour every Drafter must show: the engine relies on it whichever drafter is configured. */
export function describeDrafterContract(name: string, setup: () => DrafterUnderTest): void {
  describe(`${name}: the Drafter contract`, () => {
    it('drafts an answer that cites at least one thread, and only threads it was given', async () => {
      const { drafter, modelSays } = setup();
      modelSays('Check the DriverKit entitlement [1] and rebuild for arm64e [2]; see also [7].');
      const result = await drafter.draft(input);
      expect(result.text.trim()).not.toBe('');
      const cited = [...result.text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
      expect(cited.length).toBeGreaterThan(0);
      for (const number of cited) expect(number >= 1 && number <= threads.length, `cites [${number}]`).toBe(true);
    });

    it('says who drafted it and how', async () => {
      const { drafter, modelSays, mode } = setup();
      modelSays('Rebuild the dext for arm64e [2].');
      const result = await drafter.draft(input);
      expect(result.mode).toBe(mode);
      expect(result.drafter).not.toBe('');
    });

    it('streams to onToken exactly the text it returns', async () => {
      const { drafter, modelSays } = setup();
      modelSays('Check the DriverKit entitlement [1].');
      const heard: string[] = [];
      const result = await drafter.draft({ ...input, onToken: (token) => heard.push(token) });
      expect(heard.length).toBeGreaterThan(0);
      expect(heard.join('')).toBe(result.text);
    });
  });
}
