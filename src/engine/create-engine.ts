import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { StoredChunk, ThreadIndex } from '../store/thread-index.js';
import { oneLine, splitSentences } from '../text/sentences.js';
import type { Answer, ConversationTurn, SimilarResult, SimilarThread, Vote } from './answer.js';
import { assessThreads, passesGate, type GateAssessment } from './confidence-gate.js';
import { compactCitations } from './draft/compact-citations.js';
import { distinctiveCosines } from './gate/distinctive-similarity.js';
import type { Drafter } from './draft/drafter.js';
import { resolveRedirects } from './draft/resolve-redirects.js';
import { toDraftThread } from './draft/to-draft-thread.js';
import type { AnswerOrigin, AnswerStore, FeedbackStore, GivenAnswer } from './feedback.js';
import type { GateWeights } from './gate/gate-model.js';
import { NEEDS_EARLIER_QUESTION, noMatchText } from './gate/no-match-text.js';
import { isContentFreeFollowUp } from './query/follow-up.js';
import { parseQuestion, type ParsedQuestion } from './query/parse-question.js';
import { QuestionTerms } from './question-terms.js';
import { maxFusedScore, type FusionOptions } from './retrieve/fuse-rankings.js';
import type { RetrievedThread } from './retrieve/retrieved-thread.js';
import { searchThreads, type SearchMode } from './retrieve/search-threads.js';

export interface EngineDeps {
  index: ThreadIndex;
  embeddings: EmbeddingsInterface;
  drafter: Drafter;
  /** Below this confidence the reply is "no close match". */
  minConfidence: number;
  /** Votes, weighted for each question by how similar the voted question is. */
  feedback?: FeedbackStore;
  /** The answer memory: every answer is kept, so a vote or a button works on it later, from any process. */
  answers?: AnswerStore;
  /** Told when keeping an answer fails; the answer is still returned. */
  onStoreError?: (error: unknown) => void;
  fusion?: FusionOptions;
  /** The bot's display name, stripped from questions that address it. */
  botName?: string;
  /** Gate weights to use instead of the fitted ones (bench/fit-gate.ts tries candidates). */
  gateWeights?: GateWeights;
  /** The share of threads from which a word is generic to the gate; @default GENERIC_SHARE (bench/fit-gate.ts tries others) */
  gateGenericShare?: number;
  /** Receives the gate's assessment of each question (fitting and diagnostics). */
  onGate?: (report: GateReport) => void;
  /** Answer ids; @default crypto.randomUUID */
  newId?: () => string;
}

/** What the gate saw for one question: the assessed threads, best first, and its verdict. */
export interface GateReport {
  question: string;
  threads: RetrievedThread[];
  assessment: GateAssessment;
}

export interface AskOptions {
  question: string;
  /** Threads to list; @default 5 */
  k?: number;
  /** Earlier turns of the same chat thread, oldest first. */
  context?: ConversationTurn[];
  /** Receives the draft as it is written (LLM drafts stream; extractive arrive whole). */
  onToken?: (token: string) => void;
  signal?: AbortSignal;
  /** Where the question was asked, kept with the answer (platform and channel ids, no user). */
  origin?: AnswerOrigin;
}

export interface SimilarOptions {
  text: string;
  /** @default 5 */
  k?: number;
  mode?: SearchMode;
}

export interface Engine {
  ask(options: AskOptions): Promise<Answer>;
  similar(options: SimilarOptions): Promise<SimilarResult>;
  /**
   * A 👍/👎 on an answer: counts for the threads it cited (or the cited ones named in
   * `threadIds`), for questions like the one it answered. Unknown or expired answers are not recorded.
   */
  recordFeedback(options: { answerId: string; userId: string; vote: Vote; threadIds?: string[] }): Promise<{ recorded: boolean }>;
}

/** Threads handed to the drafter at most. */
const DRAFT_THREADS = 5;

/** The platform-free answer engine every adapter and the CLI use. */
export function createEngine(deps: EngineDeps): Engine {
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const parse = (text: string) => parseQuestion(text, deps.botName ? { botName: deps.botName } : {});

  async function retrieve(parsed: ParsedQuestion[], searchText: string, k: number, mode?: SearchMode) {
    const symbols = [...new Set(parsed.flatMap((question) => question.tokens.map((token) => token.symbol)))];
    // Embedded once: for the vector search, the votes on similar questions, and the answer memory.
    const vector = mode !== 'text' || deps.feedback || deps.answers ? await deps.embeddings.embedQuery(searchText) : undefined;
    const feedback = deps.feedback && vector ? await deps.feedback.boostsFor(vector) : undefined;
    const threads = await searchThreads(deps.index, deps.embeddings, {
      text: searchText,
      symbols,
      k,
      ...(mode && { mode }),
      ...(vector && { vector }),
      ...(deps.fusion && { fusion: deps.fusion }),
      ...(feedback && { feedback }),
    });
    return { threads: threads.slice(0, k), symbols: symbols.length, vector: vector ?? [] };
  }

  /** Keeps the answer in the answer memory before it is shown, so its buttons work at once. */
  async function keep(answer: Answer, vector: number[], threadKeys: string[], origin: AnswerOrigin | undefined): Promise<Answer> {
    if (!deps.answers) return answer;
    const given: GivenAnswer = {
      answerId: answer.answerId,
      question: answer.question,
      vector,
      threadKeys,
      mode: answer.mode,
      confidence: answer.confidence,
      time: Date.now(),
      origin,
      answer,
    };
    await deps.answers.saveAnswer(given).catch((error: unknown) => deps.onStoreError?.(error));
    return answer;
  }

  function toSimilar(thread: RetrievedThread, terms: QuestionTerms, symbols: number): SimilarThread {
    // Each distinctive symbol can add one full fusion score; scale so the best possible is 1.
    const scale = maxFusedScore(deps.fusion) * (1 + symbols);
    return {
      id: thread.id,
      title: thread.title,
      url: thread.url,
      score: Math.round(Math.min(1, thread.fused / scale) * 1000) / 1000,
      snippet: snippetFor(thread.hits, terms),
      aliases: thread.hits[0]?.aliases.split(' ').filter(Boolean) ?? [],
    };
  }

  return {
    async similar({ text, k = 5, mode }) {
      const parsed = parse(text);
      const terms = new QuestionTerms(parsed.searchText);
      if (!parsed.searchText) return { query: text, results: [] };
      const { threads, symbols } = await retrieve([parsed], parsed.searchText, k, mode);
      return { query: text, results: threads.map((thread) => toSimilar(thread, terms, symbols)) };
    },

    async ask({ question, k = 5, context = [], onToken, signal, origin }) {
      const parsed = parse(question);
      // A follow-up ("what about on iPad?") is searched together with the question it follows.
      const earlier = context
        .filter((turn) => turn.role === 'user')
        .slice(-2)
        .map((turn) => parse(turn.text));
      const searchText = [parsed.searchText, ...earlier.map((turn) => turn.searchText)].filter(Boolean).join('\n');
      const terms = new QuestionTerms(parsed.searchText || searchText);
      const answerId = newId();
      const base = { answerId, question, decodedCodes: parsed.decodedCodes, searchedFor: terms.toString() };
      if (searchText === '') {
        return {
          ...base,
          answer: 'Ask me a question about driver development (DriverKit, IOKit, USB, PCIe, SCSI, HID…) and I will look for threads that discussed it.',
          mode: 'no-match',
          confidence: 0,
          citations: [],
          similar: [],
          drafter: 'none',
        };
      }
      // "and on iPad?" alone names no problem: say what is missing rather than search for "iPad".
      const contentFree = isContentFreeFollowUp(parsed.text);
      if (contentFree && earlier.length === 0) {
        return { ...base, answer: NEEDS_EARLIER_QUESTION, mode: 'no-match', confidence: 0, citations: [], similar: [], drafter: 'none' };
      }

      const { threads, symbols, vector } = await retrieve([parsed, ...earlier], searchText, Math.max(k, DRAFT_THREADS));
      const draftKeys = threads.slice(0, DRAFT_THREADS).map((thread) => thread.key);
      // A content-free follow-up is judged by the question it follows.
      const gateQuestion = contentFree ? searchText : parsed.searchText || searchText;
      const stats = await deps.index.termStats();
      const [chunks, distinctive] = await Promise.all([
        deps.index.chunksOfThreads(draftKeys),
        distinctiveCosines(deps.index, deps.embeddings, gateQuestion, stats, draftKeys, deps.gateGenericShare),
      ]);
      const scored = threads.slice(0, DRAFT_THREADS).map((thread) => ({ thread, chunks: chunks.filter((chunk) => chunk.thread_key === thread.key) }));
      const gate = assessThreads({
        question: gateQuestion,
        threads,
        texts: scored.map((entry) => `${entry.thread.title}\n${entry.chunks.map((chunk) => chunk.text).join('\n')}`),
        distinctiveCosines: distinctive,
        stats,
        ...(deps.fusion && { fusion: deps.fusion }),
        ...(deps.gateWeights && { weights: deps.gateWeights }),
      });
      deps.onGate?.({ question, threads: scored.map((entry) => entry.thread), assessment: gate });
      const confidence = gate.confidence;
      const similar = threads.slice(0, k).map((thread) => toSimilar(thread, terms, symbols));

      if (!passesGate(confidence, deps.minConfidence)) {
        const answer = noMatchText({ decodedCodes: parsed.decodedCodes, searchedFor: base.searchedFor, foreignPlatform: gate.foreignPlatform, nearest: similar.length });
        return keep({ ...base, answer, mode: 'no-match', confidence, citations: [], similar, drafter: 'none' }, vector, [], origin);
      }

      // Threads well below the best one would only dilute the answer.
      // A reply that only points to another indexed thread is answered from that thread.
      const cited = await resolveRedirects(
        deps.index,
        scored.filter((_, index) => (gate.threadConfidences[index] ?? 0) >= Math.max(deps.minConfidence, confidence * 0.6)),
      );
      const draft = await deps.drafter.draft({
        question: parsed.text,
        threads: cited.map((entry) => toDraftThread(entry.thread, entry.chunks)),
        decodedCodes: parsed.decodedCodes,
        context,
        ...(onToken && { onToken }),
        ...(signal && { signal }),
      });
      const compact = compactCitations(draft.text, cited.length);
      const citedThreads = compact.used.map((index) => (cited[index] as (typeof cited)[number]).thread);
      const answer: Answer = {
        ...base,
        answer: compact.text,
        mode: draft.mode,
        confidence,
        citations: citedThreads.map((thread) => ({ id: thread.id, title: thread.title, url: thread.url })),
        similar,
        drafter: draft.drafter,
        ...(draft.notice && { notice: draft.notice }),
      };
      return keep(answer, vector, citedThreads.map((thread) => thread.key), origin);
    },

    async recordFeedback({ answerId, userId, vote, threadIds }) {
      if (!deps.feedback || !deps.answers) return { recorded: false };
      const given = await deps.answers.findAnswer(answerId);
      if (!given?.answer || given.threadKeys.length === 0) return { recorded: false };
      // Citations and thread keys are in the same order; `threadIds` narrows the vote to some of them.
      const threadKeys = threadIds
        ? given.threadKeys.filter((_, index) => threadIds.includes(given.answer?.citations[index]?.id ?? ''))
        : given.threadKeys;
      if (threadKeys.length === 0) return { recorded: false };
      // An answer kept under another embedder has no comparable vector: embed its question again.
      const vector = given.vector.length > 0 ? given.vector : await deps.embeddings.embedQuery(given.question);
      await deps.feedback.recordVote({ answer: { ...given, vector }, userId, vote, threadKeys });
      return { recorded: true };
    },
  };
}

/** The sentence of a thread's best matching chunks that shares most terms with the question. */
function snippetFor(hits: StoredChunk[], terms: QuestionTerms): string {
  let best = '';
  let bestScore = -1;
  for (const chunk of hits.slice(0, 2)) {
    for (const sentence of splitSentences(chunk.text)) {
      const score = terms.sharedWith(sentence);
      if (score > bestScore) {
        best = sentence;
        bestScore = score;
      }
    }
  }
  return oneLine(best || (hits[0]?.text ?? ''), 200);
}
