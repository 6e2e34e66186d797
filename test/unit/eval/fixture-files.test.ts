import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelledFiles } from '../../../bench/labelled-split.js';
import { readForumListing } from '../../../ingest/readers/forum-listing.js';
import { readLabelledQuestions } from '../../../src/eval/run-eval.js';
import { bundledListing, fixturesDir, sharedDir, sharedThreads } from '../../helpers/paths.js';

const evalDir = join(fixturesDir, 'eval');
const sharedEvalDir = join(sharedDir, 'eval');

const threadIds = new Set(
  readFileSync(sharedThreads, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => String((JSON.parse(line) as { id: string | number }).id)),
);
const listingTitles = new Set(
  [...readForumListing(readFileSync(bundledListing, 'utf8'), bundledListing, 'listing')].flatMap((result) => (result.success ? [result.value.title] : [])),
);

interface Labelled {
  question: string;
  relevant: unknown[];
  titles: unknown[];
  kind: unknown;
  area: unknown;
}

/** Lines as {where, value}; a line that is not JSON becomes a problem instead. */
function parseLines(name: string, text: string, problems: string[]): Array<{ where: string; value: Record<string, unknown> }> {
  const rows: Array<{ where: string; value: Record<string, unknown> }> = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    const where = `${name}:${index + 1}`;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push(`${where}: not a JSON object`);
      else rows.push({ where, value: value as Record<string, unknown> });
    } catch {
      problems.push(`${where}: invalid JSON`);
    }
  }
  return rows;
}

function labelled(value: Record<string, unknown>): Labelled {
  return {
    question: typeof value.question === 'string' ? value.question : '',
    relevant: Array.isArray(value.relevant) ? value.relevant : [],
    titles: Array.isArray(value.relevant_titles) ? value.relevant_titles : [],
    kind: value.kind,
    area: value.area,
  };
}

/**
 * Every problem in one labelled file: bad JSON, an empty question, a label naming no thread of
 * the index, and the rules of the file's kind (covered questions carry a label, uncovered ones
 * carry none and say which area they are from). The kind comes from the file's own name, so
 * `blind/covered.jsonl` follows the same rules as `covered-chat.jsonl`.
 */
function problemsIn(name: string, text: string): string[] {
  const problems: string[] = [];
  const fileName = basename(name);
  for (const { where, value } of parseLines(name, text, problems)) {
    const row = labelled(value);
    if (row.question.trim() === '') problems.push(`${where}: "question" is missing or empty`);
    if (!Array.isArray(value.relevant)) problems.push(`${where}: "relevant" must be an array`);
    if (value.relevant_titles !== undefined && !Array.isArray(value.relevant_titles)) problems.push(`${where}: "relevant_titles" must be an array`);
    for (const id of row.relevant) if (!threadIds.has(String(id))) problems.push(`${where}: relevant id ${JSON.stringify(id)} is not a thread of the shared corpus`);
    for (const title of row.titles) if (typeof title !== 'string' || !listingTitles.has(title)) problems.push(`${where}: ${JSON.stringify(title)} is not an exact title of the bundled listing`);
    if (typeof row.kind !== 'string' || row.kind === '') problems.push(`${where}: "kind" is missing`);
    const hasLabel = row.relevant.length + row.titles.length > 0;
    if (fileName.startsWith('covered') && !hasLabel) problems.push(`${where}: a covered question needs a relevant thread or title`);
    if (fileName.startsWith('uncovered')) {
      if (hasLabel) problems.push(`${where}: an uncovered question must have "relevant": [] and no titles`);
      if (row.kind !== 'uncovered' && row.kind !== 'offtopic') problems.push(`${where}: kind must be "uncovered" or "offtopic"`);
      if (row.kind === 'uncovered' && (typeof row.area !== 'string' || row.area === '')) problems.push(`${where}: an uncovered question needs an "area"`);
    }
  }
  return problems;
}

/** The question text as a person would consider it the same question. */
const normalise = (question: string) => question.toLowerCase().replace(/\s+/g, ' ').trim();

function questionsOf(path: string): string[] {
  return parseLines(path, readFileSync(path, 'utf8'), []).map(({ value }) => normalise(labelled(value).question));
}

/** Labelled files under test/fixtures/eval, subfolders included (the blind set lives in blind/), as paths relative to it with '/'. */
const evalFiles = readdirSync(evalDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.jsonl'))
  .map((name) => name.split(sep).join('/'))
  .sort();

function rowsOf(relativePath: string): Labelled[] {
  return parseLines(relativePath, readFileSync(join(evalDir, relativePath), 'utf8'), []).map(({ value }) => labelled(value));
}

describe('the labelled eval fixtures', () => {
  it('holds the covered and the uncovered chat files', () => {
    expect(evalFiles).toEqual(expect.arrayContaining(['covered-chat.jsonl', 'uncovered-chat.jsonl']));
  });

  it('holds the blind set, kept apart in blind/ for reporting only', () => {
    expect(evalFiles).toEqual(expect.arrayContaining(['blind/covered.jsonl', 'blind/uncovered.jsonl']));
  });

  it('the gate is fitted on the other labelled files and never on the blind set', () => {
    const fitted = labelledFiles().map((path) => path.split(sep).join('/'));
    expect(fitted.some((path) => path.endsWith('/eval/covered-chat.jsonl'))).toBe(true);
    expect(fitted.filter((path) => path.includes('/eval/blind/'))).toEqual([]);
  });

  it('the blind set is as large and as spread as its README says', () => {
    const covered = rowsOf('blind/covered.jsonl');
    const uncovered = rowsOf('blind/uncovered.jsonl');
    // The post a line was written from: its first title when it has one (listing posts), else its first id.
    const threadsWrittenFrom = new Set(covered.map((row) => String(row.titles[0] ?? row.relevant[0])));
    expect(covered.length).toBeGreaterThanOrEqual(60);
    expect(threadsWrittenFrom.size).toBeGreaterThanOrEqual(45);
    expect(uncovered.filter((row) => row.kind === 'uncovered').length).toBeGreaterThanOrEqual(30);
    expect(uncovered.filter((row) => row.kind === 'offtopic').length).toBeGreaterThanOrEqual(20);
  });

  it.each(evalFiles)('%s: every line is a well-formed question whose labels name real threads', (name) => {
    expect(problemsIn(name, readFileSync(join(evalDir, name), 'utf8'))).toEqual([]);
  });

  it('labels of the paraphrase fixture name real threads', () => {
    expect(problemsIn('paraphrase-questions.jsonl', readFileSync(join(fixturesDir, 'paraphrase-questions.jsonl'), 'utf8'))).toEqual([]);
  });

  it.each(['covered-chat.jsonl', 'blind/covered.jsonl', 'blind/uncovered.jsonl'])('%s is read whole by the project’s own parser', async (name) => {
    const path = join(evalDir, name);
    expect(await readLabelledQuestions(path)).toHaveLength(questionsOf(path).length);
  });

  it('no question repeats, within or across these files, the paraphrase fixture and the shared eval files', () => {
    const sharedFiles = readdirSync(sharedEvalDir)
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => join(sharedEvalDir, name));
    const all = [...evalFiles.map((name) => join(evalDir, name)), join(fixturesDir, 'paraphrase-questions.jsonl'), ...sharedFiles].flatMap(questionsOf);
    const repeated = all.filter((question, index) => all.indexOf(question) !== index);
    expect(repeated).toEqual([]);
  });

  it('the checks catch a bad file', () => {
    const bad = [
      '{"question": "fine", "relevant": ["802763"], "relevant_titles": ["DriverKit. Data Integrity issue."], "kind": "symptom"}',
      'not json',
      '{"question": "  ", "relevant": ["999999"], "relevant_titles": ["driverkit transport usb"], "kind": "symptom"}',
      '{"question": "no label", "relevant": [], "kind": "symptom"}',
    ].join('\n');
    expect(problemsIn('covered-bad.jsonl', bad)).toEqual([
      'covered-bad.jsonl:2: invalid JSON',
      'covered-bad.jsonl:3: "question" is missing or empty',
      'covered-bad.jsonl:3: relevant id "999999" is not a thread of the shared corpus',
      'covered-bad.jsonl:3: "driverkit transport usb" is not an exact title of the bundled listing',
      'covered-bad.jsonl:4: a covered question needs a relevant thread or title',
    ]);
    expect(problemsIn('uncovered-bad.jsonl', '{"question": "udev?", "relevant": ["802763"], "kind": "uncovered"}')).toEqual([
      'uncovered-bad.jsonl:1: an uncovered question must have "relevant": [] and no titles',
      'uncovered-bad.jsonl:1: an uncovered question needs an "area"',
    ]);
    expect(problemsIn('blind/uncovered.jsonl', '{"question": "fskit?", "relevant": [], "kind": "symptom"}')).toEqual([
      'blind/uncovered.jsonl:1: kind must be "uncovered" or "offtopic"',
    ]);
    expect(problemsIn('blind/covered.jsonl', '{"question": "no label", "relevant": [], "kind": "symptom"}')).toEqual([
      'blind/covered.jsonl:1: a covered question needs a relevant thread or title',
    ]);
  });
});
