import { InvalidArgumentError, type Command } from 'commander';
import { readStats } from '../../compose.js';
import type { Config } from '../../config/types.js';
import { stripControlCharacters } from '../../text/mentions.js';
import { withDb } from '../options.js';

type Stats = Awaited<ReturnType<typeof readStats>>;

/** `--days N`: a whole number from 1 to 365. */
function parseDays(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 365) throw new InvalidArgumentError('must be a whole number from 1 to 365');
  return number;
}

export function registerStats(program: Command, getConfig: () => Config): void {
  program
    .command('stats')
    .description('what the bot knows and where it fails: threads per source, learned threads, votes, answered and gated questions')
    .option('--db <uri>', 'LanceDB URI (overrides DRIVERDESK_DB)')
    .option('--days <n>', 'the window for question counts', parseDays, 7)
    .option('--json', 'print one JSON object')
    .action(async (options: { db?: string; days: number; json?: boolean }) => {
      const stats = await readStats(withDb(getConfig(), options.db), { days: options.days, top: 10 });
      process.stdout.write(`${options.json ? statsJson(stats, options.days) : statsText(stats, options.days)}\n`);
    });
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** `stats --json`: threads, learned, votes, questions and gatedQuestions; times as ISO strings. */
export function statsJson(stats: Stats, days: number): string {
  return JSON.stringify({
    threads: { total: total(stats.threadsBySource), bySource: stats.threadsBySource },
    learned: stats.learned,
    votes: stats.votes,
    questions: { days, since: new Date(stats.questions.since).toISOString(), asked: stats.questions.asked, answered: stats.questions.answered, gated: stats.questions.gated },
    gatedQuestions: stats.gatedQuestions.map((entry) => ({ question: entry.question, count: entry.count, lastAsked: new Date(entry.lastAsked).toISOString() })),
  });
}

export function statsText(stats: Stats, days: number): string {
  const sources = Object.entries(stats.threadsBySource).sort((a, b) => b[1] - a[1]);
  const width = Math.max(0, ...sources.map(([source]) => source.length));
  const learned = Object.entries(stats.learned.byPlatform).map(([platform, count]) => `${platform} ${count}`);
  const { asked, answered, gated } = stats.questions;
  const lines = [
    `Threads: ${total(stats.threadsBySource)}`,
    ...sources.map(([source, count]) => `  ${source.padEnd(width)}  ${count}`),
    `Learned from chat: ${stats.learned.total}${learned.length > 0 ? ` (${learned.join(', ')})` : ''}`,
    `Votes: ${stats.votes.up} up, ${stats.votes.down} down`,
    `Last ${days} days: ${asked} questions, ${answered} answered, ${gated} gated (no close match)`,
  ];
  if (stats.gatedQuestions.length > 0) {
    lines.push('Asked most without a close match (what the community could answer next):');
    for (const entry of stats.gatedQuestions) {
      // Questions are user text: no control characters reach the terminal.
      const question = stripControlCharacters(entry.question).replace(/\s+/g, ' ').slice(0, 160);
      lines.push(`  ${String(entry.count).padStart(3)}×  ${question}  (last ${new Date(entry.lastAsked).toISOString().slice(0, 10)})`);
    }
  }
  return lines.join('\n');
}
