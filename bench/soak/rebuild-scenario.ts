import { runCli } from '../../test/helpers/run-cli.js';
import type { FakeSlackApi } from '../../test/fakes/fake-slack-api.js';
import { slackText } from './output-checks.js';
import type { SlackProbe } from './slack-probe.js';

export interface RebuildResult {
  during: { asked: number; answered: number; failed: number };
  after: { asked: number; answered: number; failed: number };
  rebuildExit: number | null;
}

/** A reply that is an apology instead of an answer (the engine failed behind it). */
const FAILED = /something went wrong|knowledge base is unavailable|not ready yet/;

/**
 * `driverdesk ingest --rebuild` in another process while the bot serves: questions keep coming
 * during the rebuild, then `after` more once it finished. The bot must answer all of them.
 */
export async function rebuildWhileServing(probe: SlackProbe, api: FakeSlackApi, questions: string[], env: Record<string, string>, paths: string[], after = 40): Promise<RebuildResult> {
  let done = false;
  const rebuild = runCli(['ingest', ...paths, '--rebuild'], env).then((result) => {
    done = true;
    return result;
  });
  const ask = async (index: number) => {
    const outcome = await probe.ask(questions[index % questions.length] as string, { user: `UREBUILD${index}` });
    const reply = api.calls.find((call) => call.method === 'chat.postMessage' && call.params.thread_ts === outcome.thread);
    return { answered: outcome.latencyMs !== undefined, failed: outcome.latencyMs === undefined || (reply !== undefined && FAILED.test(slackText(reply))) };
  };
  const during = { asked: 0, answered: 0, failed: 0 };
  for (let index = 0; !done; index += 1) {
    const outcome = await ask(index);
    during.asked += 1;
    if (outcome.answered) during.answered += 1;
    if (outcome.failed) during.failed += 1;
  }
  const result = await rebuild;
  const afterCounts = { asked: 0, answered: 0, failed: 0 };
  for (let index = 0; index < after; index += 1) {
    const outcome = await ask(10_000 + index);
    afterCounts.asked += 1;
    if (outcome.answered) afterCounts.answered += 1;
    if (outcome.failed) afterCounts.failed += 1;
  }
  return { during, after: afterCounts, rebuildExit: result.code };
}
