import type { DiscordLoadResult, HostileDiscordResult } from './discord-scenario.js';
import type { HostileSlackResult } from './hostile-scenario.js';
import type { FloodResult, LoadResult, SideCallResult } from './load-scenarios.js';
import type { ModelFaultResult } from './model-scenario.js';
import type { RebuildResult } from './rebuild-scenario.js';

export interface SoakReport {
  date: string;
  machine: string;
  quick: boolean;
  load: LoadResult;
  rss: { beforeMb: number; afterMb: number; timeline: Array<[string, number]> };
  discord: DiscordLoadResult;
  flood: FloodResult;
  sideCalls: SideCallResult[];
  model: { timeoutMs: number; faults: ModelFaultResult[]; hostileAnswers: number };
  hostile: { slack: HostileSlackResult; discord: HostileDiscordResult };
  status5xx: number;
  connectionFailures: number;
  crashes: number;
  errorsLogged: number;
  /** Error-level log lines by message. */
  errorKinds: Array<[string, number]>;
  unescapedMentions: number;
  leakedSecrets: number;
  rebuild: RebuildResult;
}

const table = (header: string[], rows: Array<Array<string | number>>) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/** The report as the Markdown of docs/reliability.md. */
export function renderReport(report: SoakReport): string {
  const { load, discord, flood, hostile, model, rebuild } = report;
  const rebuildOk = rebuild.after.failed === 0 && rebuild.during.failed === 0;
  return `# Reliability

Measured by \`npm run soak${report.quick ? ' -- --quick' : ''}\` on ${report.date}, on ${report.machine}: the real \`driverdesk start\`
process (Slack over HTTP with signed requests, and Discord) against the project's own fakes
(test/fakes: the Slack Web API, the Discord REST API and gateway, an OpenAI-compatible model),
over the shared corpus and the bundled listing, extractive drafts unless a model is named.
\`npm run soak -- --write\` rewrites this file; without \`--write\` the soak only prints.

## Summary

| figure | value |
|---|---|
| questions sent (all scenarios) | ${load.sent + discord.sent + flood.sent + hostile.slack.sent + hostile.discord.sent + report.sideCalls.reduce((sum, side) => sum + side.sent, 0)} |
| answered exactly once | ${load.answeredOnce + discord.answeredOnce + flood.answeredOnce + hostile.slack.answeredOnce + hostile.discord.answeredOnce + report.sideCalls.reduce((sum, side) => sum + side.answeredOnce, 0)} |
| lost | ${load.lost + discord.lost + flood.lost + hostile.slack.lost + hostile.discord.lost + report.sideCalls.reduce((sum, side) => sum + side.lost, 0)} |
| doubled | ${load.doubled + discord.doubled + flood.doubled + hostile.slack.doubled + hostile.discord.doubled + report.sideCalls.reduce((sum, side) => sum + side.doubled, 0)} |
| Slack load p50 / p95 (${load.concurrency} in flight) | ${load.p50Ms} ms / ${load.p95Ms} ms |
| RSS of the bot before / after | ${report.rss.beforeMb} MB / ${report.rss.afterMb} MB |
| hostile inputs tried | ${hostile.slack.texts + hostile.slack.payloads + hostile.discord.sent + hostile.discord.payloads} (${hostile.slack.texts} texts and ${hostile.slack.payloads} malformed requests on Slack, ${hostile.discord.sent} texts and ${hostile.discord.payloads} malformed gateway payloads on Discord) |
| HTTP 5xx from the bot | ${report.status5xx} |
| connections reset or refused | ${report.connectionFailures} |
| crashes | ${report.crashes} |
| errors logged | ${report.errorsLogged}${report.errorKinds.length > 0 ? ` (${report.errorKinds.map(([message, count]) => `${count} × "${message}"`).join(', ')})` : ''} |
| unescaped mentions sent | ${report.unescapedMentions} |
| leaked secrets | ${report.leakedSecrets} |

## Load

${table(
  ['platform', 'questions', 'in flight', 'answered once', 'lost', 'doubled', 'p50', 'p95', 'max'],
  [
    ['Slack (HTTP)', load.sent, load.concurrency, load.answeredOnce, load.lost, load.doubled, `${load.p50Ms} ms`, `${load.p95Ms} ms`, `${load.maxMs} ms`],
    ['Discord (gateway)', discord.sent, discord.concurrency, discord.answeredOnce, discord.lost, discord.doubled, `${discord.p50Ms} ms`, `${discord.p95Ms} ms`, `${discord.maxMs} ms`],
  ],
)}

Latency runs from sending a question to its reply reaching the fake Web API or REST API, so with
${load.concurrency} questions in flight it includes the time each waits behind the others in the bot's one
JavaScript thread. Resident memory of the bot after each scenario: ${report.rss.timeline.map(([label, mb]) => `${label} ${mb} MB`).join(', ')}.

Slack took ${load.seconds} s for its ${load.sent} questions. ${load.redeliveries} events were redelivered twice each with
\`X-Slack-Retry-Num\`; ${load.redeliveriesAnsweredOnce} of them were answered exactly once. A flood of ${flood.sent} questions
from one user at once: ${flood.answeredOnce} answered once (${flood.notices} of them with the rate-limit notice), ${flood.lost} lost,
${flood.doubled} doubled.

## Faults

A side call that fails never holds up the answer (\`reactions.add\` made to fail for every question):

${table(
  ['reactions.add', 'questions', 'answered once', 'lost', 'p95', 'max'],
  report.sideCalls.map((side) => [side.fault === 'hang' ? 'never answers' : side.fault === 'http500' ? 'HTTP 500' : 'resets the connection', side.sent, side.answeredOnce, side.lost, `${side.p95Ms} ms`, `${side.maxMs} ms`]),
)}

With \`LLM=openai\` against the fake model and \`LLM_TIMEOUT_MS=${model.timeoutMs}\`:

${table(
  ['the model', 'questions', 'answered', 'from the threads, with a note', 'slowest reply'],
  model.faults.map((fault) => [fault.fault, fault.questions, fault.answered, fault.fellBack, `${fault.maxMs} ms`]),
)}

A model answer carrying \`<!channel>\`, \`@everyone\`, a user mention and four credentials was sent
${model.hostileAnswers} times; the mention and secret counts above include those replies.

## Hostile input

Slack: ${hostile.slack.texts} hostile texts (test/fakes/hostile-texts.ts: mentions in both platforms' syntaxes,
markup and link tricks, prompt injection, credentials, control and bidirectional characters, lone
surrogates, regex-heavy shapes, 40,000-character and deeply nested pastes) as mentions inside
threads whose earlier turns are hostile too: ${hostile.slack.answeredOnce} answered once, ${hostile.slack.lost} lost, ${hostile.slack.doubled} doubled.
${hostile.slack.payloads} malformed requests (an event_callback whose event is null, a string, or lacks
user or channel; malformed JSON; a body of unknown shape; 20,000 levels of nesting; block_actions
without actions; a command without a user; a 9 MB nested list): ${hostile.slack.payloadsRefusedOrAcknowledged} acknowledged or refused with a 4xx.

Discord: ${hostile.discord.payloads} malformed gateway payloads and interactions (not JSON, an array, an unknown
opcode, a null or authorless message, interactions without data or with a bad custom id, a 5 MB
message), then ${hostile.discord.sent} hostile texts as questions: ${hostile.discord.answeredOnce} answered once, ${hostile.discord.lost} lost,
${hostile.discord.doubled} doubled.

## Rebuild while serving

\`driverdesk ingest --rebuild\` in another process (exit ${rebuild.rebuildExit}) while the bot served:

${table(
  ['', 'asked', 'answered', 'failed'],
  [
    ['during the rebuild', rebuild.during.asked, rebuild.during.answered, rebuild.during.failed],
    ['after it', rebuild.after.asked, rebuild.after.answered, rebuild.after.failed],
  ],
)}

${rebuildOk ? 'The bot followed the rebuilt index without a restart.' : 'The bot does not yet follow the index\'s active table after a rebuild (issue 10 item 1, the store part\'s work): these failures are expected until that work is merged.'}
`;
}
