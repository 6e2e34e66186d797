/**
 * `npm run soak`: the load, fault and hostile-input figures of docs/reliability.md, measured on
 * the real `driverdesk start` process against the project's own fakes. Prints the report;
 * writes docs/reliability.md only with `--write`. `--quick` sends fewer load questions and is
 * never written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { AUTO_CHANNEL, BOT_TOKEN as DISCORD_TOKEN, FakeDiscordServer } from '../../test/fakes/fake-discord-server.js';
import { FakeOpenAiServer } from '../../test/fakes/fake-openai-server.js';
import { BOT_TOKEN, FakeSlackApi } from '../../test/fakes/fake-slack-api.js';
import { PLANTED_SECRETS } from '../../test/fakes/hostile-texts.js';
import { runCli } from '../../test/helpers/run-cli.js';
import { benchPaths, projectRoot } from '../paths.js';
import { type BotProcess, startBot } from './bot-process.js';
import { discordLoad, hostileDiscord } from './discord-scenario.js';
import { hostileSlack } from './hostile-scenario.js';
import { failingSideCalls, slackFlood, slackLoad } from './load-scenarios.js';
import { hostileModelAnswer, modelFaults } from './model-scenario.js';
import { leakedSecrets, slackText, unescapedDiscordMentions, unescapedSlackMentions } from './output-checks.js';
import { rebuildWhileServing } from './rebuild-scenario.js';
import { renderReport, type SoakReport } from './report.js';
import { SIGNING_SECRET, SlackProbe } from './slack-probe.js';

const quick = process.argv.includes('--quick');
const write = process.argv.includes('--write');
if (write && quick) {
  process.stderr.write('soak: --write records the full run only; drop --quick\n');
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`soak: ${line}\n`);
const LLM_TIMEOUT_MS = 2000;
const MODEL_SECRETS = ['xoxb-987654321098-9876543210987-ZyXwVuTsRqPoNmLkJiHgFeDc', 'sk-ant-api03-soakSOAKsoakSOAK1234567890-abcdefgh', 'ghp_soaksoaksoaksoaksoaksoaksoaksoak1234', 'AKIAZZZZZZZZZZZZZZZZ'];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What the bot logged at error level, by message, so an operator can see what the count is made of. */
function logErrorKinds(bot: BotProcess): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const line of bot.errorLines()) {
    const message = (line.match(/"msg":"([^"]*)"/)?.[1] ?? 'unparsed line').slice(0, 120);
    kinds.set(message, (kinds.get(message) ?? 0) + 1);
  }
  for (const [message, count] of kinds) log(`  logged ${count} × ${message}`);
  return kinds;
}

function questionsFrom(file: string): string[] {
  if (!existsSync(file)) return ['how do I block usb storage devices on macs?', 'why does my dext fail to load?', 'IOServiceOpen gives me 0xE00002BC'];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { question: string }).question);
}

const workdir = mkdtempSync(join(tmpdir(), 'driverdesk-soak-'));
/** Other work on the machine slows every figure: the load average at the start is recorded with them. */
const loadAtStart = loadavg()[0] ?? 0;
const slack = new FakeSlackApi();
const discord = new FakeDiscordServer();
const model = new FakeOpenAiServer();
const bots: BotProcess[] = [];
try {
  const { listing, threads } = benchPaths();
  const paths = [...(threads ? [threads] : []), listing];
  const questions = questionsFrom(join(projectRoot, '..', 'shared', 'eval', 'dev-questions.jsonl'));
  const db = { DRIVERDESK_DB: join(workdir, 'db') };
  log(`ingesting ${paths.length} sources…`);
  const ingest = await runCli(['ingest', ...paths], db);
  if (ingest.code !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  const slackApi = await slack.start();
  const discordApi = await discord.start();
  const port = await freePort();
  const platforms = {
    ...db,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_PORT: String(port),
    SLACK_API_URL: slackApi,
    DISCORD_TOKEN,
    DISCORD_API_URL: discordApi,
    DISCORD_CHANNELS: AUTO_CHANNEL,
    // All load questions share a channel; the per-user limit (6 a minute) stays as shipped.
    RATE_LIMIT_PER_CHANNEL: '1000000',
  };
  const bot = await startBot(platforms);
  bots.push(bot);
  const probe = new SlackProbe(slack, `http://127.0.0.1:${port}/slack/events`);
  const rssBefore = bot.rssMb();
  const rssTimeline: Array<[string, number]> = [['started', rssBefore]];
  const mark = (label: string) => rssTimeline.push([label, bot.rssMb()]);

  log(`Slack load: ${quick ? 100 : 500} questions, ${quick ? 20 : 50} in flight…`);
  const load = await slackLoad(probe, questions, quick ? 100 : 500, quick ? 20 : 50);
  mark('Slack load');
  log('Discord load…');
  const discordResult = await discordLoad(discord, questions, quick ? 30 : 100, 10);
  mark('Discord load');
  log('a flood from one user…');
  const flood = await slackFlood(probe, slack);
  mark('flood');
  log('failing side calls…');
  const sideCalls = await failingSideCalls(probe, slack, questions);
  mark('side calls');
  log('hostile input on Slack…');
  const hostileSlackResult = await hostileSlack(probe, slack);
  mark('hostile Slack');
  log('hostile input on Discord…');
  const hostileDiscordResult = await hostileDiscord(discord);
  mark('hostile Discord');
  // The same load again: memory that keeps growing here is a leak, memory that levels off is warm caches.
  log('Slack load again…');
  await slackLoad(probe, questions, quick ? 100 : 500, quick ? 20 : 50);
  mark('Slack load again');
  const rssAfter = bot.rssMb();
  const crashesBefore = bot.alive() ? 0 : 1;
  log('rebuild while serving…');
  const rebuild = await rebuildWhileServing(probe, slack, questions, db, paths);
  const crashes = crashesBefore + (bot.alive() ? 0 : 1);
  const errorKinds = logErrorKinds(bot);
  await bot.stop();

  log(`model faults (LLM_TIMEOUT_MS=${LLM_TIMEOUT_MS})…`);
  const modelUrl = await model.start();
  const modelPort = await freePort();
  const modelBot = await startBot({ ...platforms, DISCORD_TOKEN: '', SLACK_PORT: String(modelPort), LLM: 'openai', OPENAI_BASE_URL: modelUrl, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'fake-model', LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS) });
  bots.push(modelBot);
  const modelProbe = new SlackProbe(slack, `http://127.0.0.1:${modelPort}/slack/events`);
  const faults = await modelFaults(modelProbe, slack, model, questions, LLM_TIMEOUT_MS);
  const hostileAnswers = await hostileModelAnswer(modelProbe, model, MODEL_SECRETS, questions);
  const modelCrashes = modelBot.alive() ? 0 : 1;
  for (const [message, count] of logErrorKinds(modelBot)) errorKinds.set(message, (errorKinds.get(message) ?? 0) + count);
  await modelBot.stop();

  const sent = [...slack.calls.filter((call) => call.method === 'chat.postMessage' || call.method === 'response_url').map(slackText), ...discord.calls.map((call) => JSON.stringify(call.body ?? ''))];
  const report: SoakReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, ${platform()} ${release()}, Node ${process.version} (load average ${loadAtStart.toFixed(1)} at the start)`,
    quick,
    load,
    rss: { beforeMb: rssBefore, afterMb: rssAfter, timeline: rssTimeline },
    discord: discordResult,
    flood,
    sideCalls,
    model: { timeoutMs: LLM_TIMEOUT_MS, faults, hostileAnswers },
    hostile: { slack: hostileSlackResult, discord: hostileDiscordResult },
    status5xx: probe.statuses.filter((status) => status >= 500).length + modelProbe.statuses.filter((status) => status >= 500).length,
    connectionFailures: probe.statuses.filter((status) => status === 0).length + modelProbe.statuses.filter((status) => status === 0).length,
    crashes: crashes + modelCrashes,
    errorsLogged: [...errorKinds.values()].reduce((sum, count) => sum + count, 0),
    errorKinds: [...errorKinds.entries()],
    unescapedMentions: unescapedSlackMentions(slack.calls) + unescapedDiscordMentions(discord.calls),
    leakedSecrets: leakedSecrets(sent, [...PLANTED_SECRETS, ...MODEL_SECRETS]),
    rebuild,
  };
  const markdown = renderReport(report);
  process.stdout.write(`${markdown}\n`);
  if (write) {
    writeFileSync(join(projectRoot, 'docs', 'reliability.md'), markdown);
    log('wrote docs/reliability.md');
  }
} finally {
  for (const bot of bots) await bot.stop().catch(() => undefined);
  await slack.stop();
  await discord.stop();
  await model.stop().catch(() => undefined);
  rmSync(workdir, { recursive: true, force: true });
}
