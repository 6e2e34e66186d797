import type { FakeOpenAiMode, FakeOpenAiServer } from '../../test/fakes/fake-openai-server.js';
import type { FakeSlackApi } from '../../test/fakes/fake-slack-api.js';
import { slackText } from './output-checks.js';
import type { SlackProbe } from './slack-probe.js';
import { round } from '../stats.js';

export interface ModelFaultResult {
  fault: string;
  questions: number;
  answered: number;
  /** Replies drafted from the threads alone, with the note that the model was unavailable. */
  fellBack: number;
  maxMs: number;
}

/**
 * The model hangs, fails with 500, answers garbage, or answers after the timeout: every question
 * must still be answered, from the threads, within LLM_TIMEOUT_MS and a small margin.
 */
export async function modelFaults(probe: SlackProbe, api: FakeSlackApi, model: FakeOpenAiServer, questions: string[], timeoutMs: number, perFault = 5): Promise<ModelFaultResult[]> {
  const faults: Array<[string, FakeOpenAiMode]> = [
    ['hangs', { kind: 'hang' }],
    ['fails (HTTP 500)', { kind: 'error', status: 500 }],
    ['answers garbage', { kind: 'garbage' }],
    [`is slow (${(timeoutMs + 3000) / 1000} s)`, { kind: 'slow', delayMs: timeoutMs + 3000, text: 'too late [1]' }],
  ];
  const results: ModelFaultResult[] = [];
  for (const [fault, mode] of faults) {
    model.mode = mode;
    let answered = 0;
    let fellBack = 0;
    let maxMs = 0;
    for (const [index, text] of questions.slice(0, perFault).entries()) {
      // A user of its own per question: the per-user rate limit must not answer instead of the model.
      const outcome = await probe.ask(text, { user: `UMODEL${results.length}x${index}`, timeoutMs: timeoutMs + 30_000 });
      if (outcome.latencyMs === undefined) continue;
      answered += 1;
      maxMs = Math.max(maxMs, outcome.latencyMs);
      const reply = api.calls.find((call) => call.method === 'chat.postMessage' && call.params.thread_ts === outcome.thread);
      if (reply && /extractive · confidence/.test(slackText(reply)) && /language model/.test(slackText(reply))) fellBack += 1;
    }
    results.push({ fault, questions: perFault, answered, fellBack, maxMs: round(maxMs, 0) });
  }
  return results;
}

/** A model answer carrying <!channel> and credentials: the reply must carry neither. */
export async function hostileModelAnswer(probe: SlackProbe, model: FakeOpenAiServer, secrets: readonly string[], questions: string[]): Promise<number> {
  model.mode = { kind: 'answer', text: `<!channel> @everyone <@U0ADMIN> use ${secrets.join(' and ')} as shown in [1].` };
  let answered = 0;
  for (const [index, text] of questions.slice(0, 5).entries()) if ((await probe.ask(text, { user: `UMODELANSWER${index}` })).latencyMs !== undefined) answered += 1;
  return answered;
}
