import { runIngest, type IngestProgress, type IngestSummary } from '../ingest/index.js';
import { forgetIndexedThreads, ingestLearnedRecords, restoreLearnedRecords } from '../ingest/learn-records.js';
import { ChatRateLimiter } from './chat/rate-limiter.js';
import { redactSecrets } from './chat/redact-secrets.js';
import { respondToEvent } from './chat/respond-to-event.js';
import type { ChatEvent } from './chat/chat-event.js';
import type { Reply } from './chat/reply.js';
import type { Config } from './config/types.js';
import { createEngine, type Engine } from './engine/index.js';
import { ExtractiveDrafter } from './engine/draft/extractive-drafter.js';
import { LlmDrafter } from './engine/draft/llm-drafter.js';
import { loadPrompts } from './engine/draft/load-prompts.js';
import type { Drafter } from './engine/draft/drafter.js';
import { DriverdeskError } from './errors.js';
import type { LearnerDeps } from './learn/learn-thread.js';
import type { Logger } from './logger.js';
import { createChatModel } from './models/create-chat-model.js';
import { createEmbedder } from './models/create-embeddings.js';
import type { Embedder } from './models/embedder.js';
import type { OpenWritableIndex } from './store/thread-index.js';
import { bundledCorpusDir, bundledPromptsDir } from './paths.js';
import type { KnowledgeStats } from './store/knowledge-stats.js';
import { LanceKnowledge } from './store/lance-knowledge.js';
import { LanceThreadIndex } from './store/lance-thread-index.js';
import { lanceWriterOpener } from './store/lance-thread-writer.js';

/**
 * The composition root: the one place that knows every concrete implementation (LanceDB, the
 * embedders, the drafters, the chat platforms) and wires them from Config.
 */

export interface ComposedEngine {
  engine: Engine;
  index: LanceThreadIndex;
  embedder: Embedder;
  /** The knowledge tables (answers, votes, learned threads), unless composed without them. */
  knowledge: LanceKnowledge | undefined;
  /** "extractive" or the model label. */
  drafterLabel: string;
  close(): Promise<void>;
}

/**
 * What an engine does with the knowledge tables: `serve` (the bot) keeps every answer and takes
 * votes; `read` (CLI ask and similar) ranks with the votes like the bot but keeps nothing; `none`
 * (eval, benchmarks) leaves votes out, so figures do not depend on them.
 */
export type KnowledgeUse = 'serve' | 'read' | 'none';

/** Callbacks an ingest reports through (the CLI draws a progress bar with them). */
export interface IngestReporter {
  onProgress?: (progress: IngestProgress) => void;
  onSkip?: (skip: { file: string; line: number; reason: string }) => void;
  /** Called once if the ingest waits for another run writing to the same index. */
  onWait?: (holder: string) => void;
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

/** An engine over the index at `config.db`; pass `embedder` when one is already built. */
export async function composeEngine(
  config: Config,
  embedder?: Embedder,
  options: { knowledge?: KnowledgeUse; logger?: Logger } = {},
): Promise<ComposedEngine> {
  const built = embedder ?? (await createEmbedder(config));
  const { drafter, label } = await createDrafter(config);
  // The index follows its catalog: a rebuild or another process's ingest is seen within seconds.
  const index = await LanceThreadIndex.openForSearch({ uri: config.db, embedder: built.identity });
  const use = options.knowledge ?? 'none';
  const onStoreError = (error: unknown) => options.logger?.warn({ err: error }, 'cannot write to the knowledge tables');
  const knowledge =
    use === 'none'
      ? undefined
      : await openKnowledge(config, { embedder: built, onBackgroundError: onStoreError, readOnly: use === 'read' }).catch((error: unknown) => {
          index.close();
          throw error;
        });
  const engine = createEngine({
    index,
    embeddings: built.embeddings,
    drafter,
    minConfidence: config.minConfidence,
    ...(knowledge && { feedback: knowledge }),
    ...(knowledge && use === 'serve' && { answers: knowledge, onStoreError }),
    botName: 'driverdesk',
  });
  const close = async () => {
    await knowledge?.close();
    index.close();
  };
  if (knowledge && use === 'serve') {
    // A rebuild from files knows nothing of chat: threads learned before it come back.
    const learned = (await knowledge.learnedThreads()).map((thread) => thread.record);
    const restored = await restoreLearnedRecords(index, { openIndex: indexWriter(config), embedder: built }, learned).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    if (restored > 0) {
      options.logger?.info({ restored }, 'ingested learned threads the index lacked');
      await index.refresh();
    }
  }
  return { engine, index, embedder: built, knowledge, drafterLabel: label, close };
}

/** The knowledge tables beside the index at `config.db`; read-only, nothing is created, migrated or pruned. */
export function openKnowledge(
  config: Config,
  options: { embedder?: Embedder; readOnly?: boolean; onBackgroundError?: (error: unknown) => void } = {},
): Promise<LanceKnowledge> {
  const { embedder } = options;
  return LanceKnowledge.open({
    uri: config.db,
    embedder: embedder && { identity: embedder.identity, embedDocuments: (texts) => embedder.embeddings.embedDocuments(texts) },
    retentionDays: config.answerRetentionDays,
    readOnly: options.readOnly ?? false,
    ...(options.onBackgroundError && { onBackgroundError: options.onBackgroundError }),
  });
}

/** Counts for `driverdesk stats`: threads per source from the index, the rest from the knowledge tables. */
export async function readStats(config: Config, options: { days: number; top: number }): Promise<{ threadsBySource: Record<string, number> } & KnowledgeStats> {
  // The index first: without one there is nothing to report, and no knowledge table is created.
  const threadsBySource = await LanceThreadIndex.threadsBySource(config.db);
  const knowledge = await openKnowledge(config, { readOnly: true });
  try {
    return { threadsBySource, ...(await knowledge.stats(Date.now() - options.days * 24 * 60 * 60_000, options.top)) };
  } finally {
    await knowledge.close();
  }
}

/** Learning solved chat threads into the index the engine searches (LEARN_CHANNELS, LEARN_KEEP_AUTHORS). */
function learnerFor(config: Config, composed: ComposedEngine): LearnerDeps | undefined {
  const { knowledge, embedder } = composed;
  if (!knowledge) return undefined;
  // Through the same writer lock, chunking and idempotency as file ingests.
  const target = { openIndex: indexWriter(config), embedder };
  return {
    learnChannels: new Set(config.learn.channels),
    keepAuthors: config.learn.keepAuthors,
    store: knowledge,
    // The bot's own searches see what it learned (or forgot) from the next question on.
    ingest: async (records) => {
      await ingestLearnedRecords(target, records);
      await composed.index.refresh();
    },
    forget: async (threadKeys) => {
      await forgetIndexedThreads(target, threadKeys);
      await composed.index.refresh();
    },
  };
}

/** The write side of the index at `config.db`, as ingest opens it (under the writer lock). */
export function indexWriter(config: Config): OpenWritableIndex {
  return lanceWriterOpener({ uri: config.db, vectorIndexMinRows: config.vectorIndexMinRows });
}

/** Ingests files and folders into `config.db` with the configured (or given) embedder. */
export async function ingestFiles(
  config: Config,
  paths: readonly string[],
  options: { rebuild?: boolean; repair?: boolean; waitMs?: number; embedder?: Embedder; reporter?: IngestReporter; site?: string } = {},
): Promise<IngestSummary> {
  return runIngest({
    paths,
    openIndex: indexWriter(config),
    rebuild: options.rebuild ?? false,
    repair: options.repair ?? false,
    ...(options.waitMs !== undefined && { waitMs: options.waitMs }),
    ...(options.site && { site: options.site }),
    embedder: options.embedder ?? (await createEmbedder(config)),
    ...options.reporter,
  });
}

/**
 * Opens the index; on a first run with no index, ingests the bundled corpus first. The embedder
 * is built once for both (a provider's probe call is made once).
 */
export async function composeOrIngestBundled(
  config: Config,
  options: { onFirstRun?: () => void; reporter?: IngestReporter; logger?: Logger } = {},
): Promise<ComposedEngine> {
  const embedder = await createEmbedder(config);
  const compose = () => composeEngine(config, embedder, { knowledge: 'serve', ...(options.logger && { logger: options.logger }) });
  try {
    return await compose();
  } catch (error) {
    if (!DriverdeskError.isInstance(error) || error.code !== 'index_missing') throw error;
    options.onFirstRun?.();
    await ingestFiles(config, [bundledCorpusDir()], { embedder, ...(options.reporter && { reporter: options.reporter }) });
    return compose();
  }
}

/** The configured chat platforms, in the order they start. */
export function configuredPlatforms(config: Config): Array<'Discord' | 'Slack'> {
  return [...(config.discord.token ? (['Discord'] as const) : []), ...(config.slack.botToken ? (['Slack'] as const) : [])];
}

/**
 * The platform-free chat flow every adapter calls, with the answer memory and the learner;
 * chat platforms get per-user and per-channel limits (`rateLimit`), the console none.
 */
export function chatResponder(config: Config, composed: ComposedEngine, logger: Logger, options: { rateLimit?: boolean } = {}): (event: ChatEvent) => Promise<Reply> {
  const rateLimiter = options.rateLimit ? new ChatRateLimiter(config.rateLimit) : undefined;
  const learner = learnerFor(config, composed);
  const deps = {
    engine: composed.engine,
    logger,
    ...(rateLimiter && { rateLimiter }),
    ...(composed.knowledge && { memory: composed.knowledge }),
    ...(learner && { learner }),
  };
  return (event) => respondToEvent(deps, event);
}

/** A chat platform that is running, and how to stop it. */
export interface RunningPlatform {
  name: 'Discord' | 'Slack';
  /** How it is connected, e.g. "as driverdesk#0001" or "Socket Mode". */
  detail: string;
  stop(): Promise<void>;
}

/**
 * Starts every configured chat platform (each SDK is loaded only when configured), each within
 * `config.platformStartTimeoutMs`, and reports each one through `onConnected` as it connects. A
 * platform that cannot start (bad token, port in use, API unreachable or too slow) stops the
 * others and throws one line naming what to check.
 */
export async function startChatPlatforms(
  config: Config,
  composed: ComposedEngine,
  logger: Logger,
  onConnected: (platform: RunningPlatform) => void = () => undefined,
): Promise<RunningPlatform[]> {
  const respond = chatResponder(config, composed, logger, { rateLimit: true });
  const running: RunningPlatform[] = [];
  const started = (platform: RunningPlatform) => {
    running.push(platform);
    onConnected(platform);
  };
  const seconds = Math.round(config.platformStartTimeoutMs / 100) / 10;
  try {
    if (config.discord.token) {
      const { startDiscordBot } = await import('./adapters/discord/discord-bot.js');
      const signal = AbortSignal.timeout(config.platformStartTimeoutMs);
      const bot = await startDiscordBot({ token: config.discord.token, apiUrl: config.discord.apiUrl, channels: config.discord.channels, respond, logger, signal }).catch(
        (error: unknown) => platformError('Discord', 'DISCORD_TOKEN, the Message Content intent and DISCORD_API_URL', error, seconds),
      );
      started({ name: 'Discord', detail: `as ${bot.tag}`, stop: bot.stop });
    }
    if (config.slack.botToken) {
      const { startSlackApp } = await import('./adapters/slack/slack-app.js');
      const check = config.slack.appToken ? 'SLACK_BOT_TOKEN, SLACK_APP_TOKEN and the network' : `SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_PORT (${config.slack.port})`;
      const signal = AbortSignal.timeout(config.platformStartTimeoutMs);
      const app = await startSlackApp({ slack: config.slack, respond, logger, signal }).catch((error: unknown) => platformError('Slack', check, error, seconds));
      started({ name: 'Slack', detail: app.mode, stop: app.stop });
    }
  } catch (error) {
    await Promise.allSettled(running.map((platform) => platform.stop()));
    throw error;
  }
  return running;
}

/** A platform that will not start: one line naming what to check (never a token). */
function platformError(platform: string, check: string, error: unknown, seconds: number): never {
  const timedOut = (error as Error | undefined)?.name === 'TimeoutError';
  const reason = timedOut ? `no connection within ${seconds} s (PLATFORM_START_TIMEOUT_MS)` : oneLine(error);
  throw new DriverdeskError({
    code: 'platform_unavailable',
    message: `cannot start the ${platform} bot (check ${check}): ${reason}`,
    cause: error,
    details: { platform },
  });
}

/** An error's message on one line, with any token-shaped string removed. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message.replace(/\s+/g, ' ').trim()).slice(0, 300);
}
