import { afterAll, describe } from 'vitest';
import { InMemoryAnswerMemory } from '../../../src/chat/answer-memory.js';
import { LanceKnowledge } from '../../../src/store/lance-knowledge.js';
import { answerMemoryContract } from '../../contracts/answer-memory.contract.js';
import { tempDir } from '../../helpers/temp-db.js';

describe('InMemoryAnswerMemory', () => {
  answerMemoryContract(async () => new InMemoryAnswerMemory());
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
