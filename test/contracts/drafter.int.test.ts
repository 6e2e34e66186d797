import { afterAll, beforeAll } from 'vitest';
import { createDrafter } from '../../src/compose.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Drafter } from '../../src/engine/draft/drafter.js';
import { ExtractiveDrafter } from '../../src/engine/draft/extractive-drafter.js';
import { FakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { describeDrafterContract } from './drafter.contract.js';

describeDrafterContract('ExtractiveDrafter', () => ({ drafter: new ExtractiveDrafter(), modelSays: () => undefined, mode: 'extractive' }));

// The real LangChain OpenAI client against the fake OpenAI-compatible server.
const server = new FakeOpenAiServer();
let llm: Drafter;
beforeAll(async () => {
  const baseUrl = await server.start();
  const config = loadConfig({ env: { LLM: 'openai', OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'fake-model' } });
  llm = (await createDrafter(config)).drafter;
});
afterAll(() => server.stop());

describeDrafterContract('LlmDrafter', () => ({
  drafter: { draft: (input) => llm.draft(input) },
  mode: 'llm',
  modelSays: (text) => {
    server.mode = { kind: 'answer', text };
  },
}));
