import type { Config } from './config/types.js';
import { createEngine, type Engine } from './engine/index.js';
import { ExtractiveDrafter } from './engine/draft/extractive-drafter.js';
import { LlmDrafter } from './engine/draft/llm-drafter.js';
import { loadPrompts } from './engine/draft/load-prompts.js';
import type { Drafter } from './engine/draft/drafter.js';
import { FileFeedbackStore } from './feedback/file-feedback-store.js';
import { createChatModel } from './models/create-chat-model.js';
import { createEmbeddings, type EmbedderHandle } from './models/create-embeddings.js';
import { bundledPromptsDir } from './paths.js';
import { LanceThreadIndex } from './store/lance-thread-index.js';

export interface ComposedEngine {
  engine: Engine;
  index: LanceThreadIndex;
  /** "extractive" or the model label. */
  drafterLabel: string;
  close(): void;
}

/** The drafter Config asks for; the extractive drafter is always the fallback. */
export async function createDrafter(config: Config): Promise<{ drafter: Drafter; label: string }> {
  const extractive = new ExtractiveDrafter();
  const chat = await createChatModel(config);
  if (!chat) return { drafter: extractive, label: 'extractive' };
  const prompts = loadPrompts(config.promptsDir ?? bundledPromptsDir());
  return {
    drafter: new LlmDrafter({ model: chat.model, label: chat.label, prompts, fallback: extractive, timeoutMs: config.llmTimeoutMs }),
    label: chat.label,
  };
}

/** The composition root: the one place that knows every concrete implementation. */
export async function composeEngine(config: Config, embedderHandle?: EmbedderHandle): Promise<ComposedEngine> {
  const embedder = embedderHandle ?? (await createEmbeddings(config));
  const { drafter, label } = await createDrafter(config);
  const index = await LanceThreadIndex.openForSearch({
    uri: config.db,
    embedder: await embedder.identity(),
    vectorIndexMinRows: config.vectorIndexMinRows,
  });
  const engine = createEngine({
    index,
    embeddings: embedder.embeddings,
    drafter,
    minConfidence: config.minConfidence,
    feedback: new FileFeedbackStore(config.feedbackFile),
    botName: 'driverdesk',
  });
  return { engine, index, drafterLabel: label, close: () => index.close() };
}
