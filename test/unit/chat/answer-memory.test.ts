import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryAnswerMemory } from '../../../src/chat/answer-memory.js';
import { LanceKnowledge } from '../../../src/store/lance-knowledge.js';
import { answerMemoryContract } from '../../contracts/answer-memory.contract.js';
import { tempDir } from '../../helpers/temp-db.js';

describe('InMemoryAnswerMemory', () => {
  answerMemoryContract(async () => new InMemoryAnswerMemory());
});

describe('LanceKnowledge retention', () => {
  it('deletes answers older than the retention when it opens', async () => {
    const dir = tempDir();
    const identity = { id: 'test', dimension: 3 };
    const embedder = { identity, embedDocuments: async (texts: string[]) => texts.map(() => [1, 0, 0]) };
    try {
      const first = await LanceKnowledge.open({ uri: dir.path, embedder });
      const day = 24 * 60 * 60_000;
      const base = { question: 'q', vector: [], threadKeys: [], mode: 'lookup' as const, confidence: 0 };
      await first.saveAnswer({ ...base, answerId: 'old', time: Date.now() - 10 * day });
      await first.saveAnswer({ ...base, answerId: 'new', time: Date.now() - 2 * day });
      await first.close();
      const reopened = await LanceKnowledge.open({ uri: dir.path, embedder, retentionDays: 5 });
      expect(await reopened.findAnswer('old')).toBeUndefined();
      expect(await reopened.findAnswer('new')).toMatchObject({ answerId: 'new' });
      await reopened.close();
    } finally {
      dir.remove();
    }
  });
});

describe('LanceKnowledge as the answer memory', () => {
  const dirs: Array<{ remove: () => void }> = [];
  const opened: LanceKnowledge[] = [];
  afterAll(async () => {
    for (const knowledge of opened) await knowledge.close();
    for (const dir of dirs) dir.remove();
  });
  answerMemoryContract(async () => {
    const dir = tempDir();
    dirs.push(dir);
    const identity = { id: 'test', dimension: 3 };
    const knowledge = await LanceKnowledge.open({ uri: dir.path, embedder: { identity, embedDocuments: async (texts) => texts.map(() => [1, 0, 0]) } });
    opened.push(knowledge);
    return knowledge;
  });
});
