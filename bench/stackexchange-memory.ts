/**
 * Peak memory of reading a large Stack Exchange Posts.xml through the streaming reader.
 * Generates a synthetic dump in the OS temp folder (questions with HTML bodies and code,
 * 0–4 answers, 5% of answers posted far later so their questions stay open meanwhile),
 * reads it in a child process of its own, reports the child's peak RSS beside the same
 * process's RSS with the reader loaded but nothing read, and deletes the file.
 * The read is then repeated with V8's heap capped (`--max-old-space-size`): it completes only
 * if what the reader keeps does not grow with the file.
 * Usage: node --import tsx bench/stackexchange-memory.ts [--gb 1.5] [--heap-cap-mb 64] [--json]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSourceFile } from '../ingest/read-sources.js';
import { peakRssMb, round } from './stats.js';
import { seededRandom } from './synthetic-corpus.js';

const SITE = 'bench.stackexchange.com';
const WORDS = (
  'dext driver DriverKit IOKit kext USB PCIe SCSI HID interface endpoint descriptor interrupt transfer bulk isochronous ' +
  'IOService IOUSBHostInterface IOPCIDevice IOUserClient entitlement provisioning profile signing notarization crash panic ' +
  'sleep wake power state matching personality bundle identifier kernel userspace memory descriptor buffer queue dispatch ' +
  'the a of to and in is it that for on with when after before my our this device fails returns error works never always'
).split(' ');

// Seeded, so every run writes the same dump.
const next = seededRandom(20240601);
const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
const words = (count: number) => Array.from({ length: count }, () => WORDS[between(0, WORDS.length - 1)]).join(' ');
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#xA;');

function body(minimumWords: number, maximumWords: number): string {
  const code = next() < 0.4 ? `<pre><code>kern_return_t r = IOServiceOpen(service, mach_task_self(), 0, &amp;connect);\nif (r &lt; 0) { ${words(8)} }\n</code></pre>\n` : '';
  return `<p>${words(between(minimumWords, maximumWords))}</p>\n${code}<p>${words(between(10, 30))}</p>\n`;
}

async function generate(file: string, targetBytes: number): Promise<{ questions: number; answers: number }> {
  const stream = createWriteStream(file);
  const late = new Map<number, string[]>();
  let id = 0;
  let questions = 0;
  let answers = 0;
  let written = 0;
  let checked = 0;
  let pending = '<?xml version="1.0" encoding="utf-8"?>\n<posts>\n';
  const row = (attributes: string) => {
    pending += `  <row ${attributes} />\n`;
  };
  while (written + pending.length < targetBytes) {
    id += 1;
    const questionId = id;
    const count = [0, 1, 1, 1, 2, 2, 2, 3, 3, 4][between(0, 9)] as number;
    row(
      `Id="${questionId}" PostTypeId="1"${count > 0 ? ` AcceptedAnswerId="${questionId + 1}"` : ''} CreationDate="2015-01-01T00:00:00.000" Score="${between(-2, 40)}" ViewCount="${between(10, 90000)}" Body="${escapeAttribute(body(60, 140))}" OwnerUserId="${between(1, 50000)}" LastActivityDate="2020-01-01T00:00:00.000" Title="${escapeAttribute(words(between(6, 12)))}" Tags="${next() < 0.5 ? '&lt;usb&gt;&lt;drivers&gt;' : '|pcie|driverkit|'}" AnswerCount="${count}" CommentCount="0" ContentLicense="CC BY-SA 4.0"`,
    );
    questions += 1;
    for (let answer = 0; answer < count; answer += 1) {
      const text = body(30, 100);
      answers += 1;
      if (next() < 0.05) {
        // Answered much later: its question must be held until then.
        const due = id + between(10_000, 300_000);
        late.set(due, [...(late.get(due) ?? []), `PostTypeId="2" ParentId="${questionId}" Score="${between(0, 20)}" Body="${escapeAttribute(text)}"`]);
        continue;
      }
      id += 1;
      row(`Id="${id}" PostTypeId="2" ParentId="${questionId}" CreationDate="2015-01-02T00:00:00.000" Score="${between(0, 50)}" Body="${escapeAttribute(text)}" OwnerUserId="${between(1, 50000)}" CommentCount="0" ContentLicense="CC BY-SA 4.0"`);
    }
    // Late answers fall due as ids pass their slot; each slot is looked at once.
    for (; checked < id; checked += 1) {
      const rows = late.get(checked + 1);
      if (!rows) continue;
      late.delete(checked + 1);
      for (const attributes of rows) {
        id += 1;
        row(`Id="${id}" ${attributes}`);
      }
    }
    if (pending.length > 1 << 20) {
      written += Buffer.byteLength(pending);
      if (!stream.write(pending)) await once(stream, 'drain');
      pending = '';
    }
  }
  // Answers still due at the end are posted last, as a dump's newest answers are.
  for (const rows of late.values()) {
    for (const attributes of rows) {
      id += 1;
      row(`Id="${id}" ${attributes}`);
    }
  }
  stream.end(`${pending}</posts>\n`);
  await once(stream, 'finish');
  return { questions, answers };
}

/** The child: read the file through the reader (or load the reader only) and print what it took. */
async function child(mode: string, file: string | undefined): Promise<void> {
  const started = performance.now();
  let records = 0;
  let answers = 0;
  let skipped = 0;
  if (mode === '--read' && file) {
    for await (const result of readSourceFile(file)) {
      if (!result.success) skipped += 1;
      else {
        records += 1;
        answers += result.value.answers.length;
      }
    }
  }
  process.stdout.write(`${JSON.stringify({ records, answers, skipped, seconds: round((performance.now() - started) / 1000, 1), peak_rss_mb: peakRssMb() })}\n`);
}

function runChild(heapMb: number | undefined, ...args: string[]): { records: number; answers: number; skipped: number; seconds: number; peak_rss_mb: number } {
  const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const result = spawnSync(process.execPath, [...heap, ...process.execArgv, fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
}

const argv = process.argv.slice(2);
if (argv[0] === '--read' || argv[0] === '--baseline') {
  await child(argv[0], argv[1]);
} else {
  const option = (name: string, fallback: number | undefined) => {
    const value = Number(argv[argv.indexOf(name) + 1]);
    return argv.includes(name) && value > 0 ? value : fallback;
  };
  const targetBytes = Math.round((option('--gb', 1.5) as number) * 1024 ** 3);
  const heapCapMb = option('--heap-cap-mb', 64);
  const workdir = mkdtempSync(join(tmpdir(), 'driverdesk-posts-'));
  try {
    const folder = join(workdir, SITE);
    mkdirSync(folder);
    const file = join(folder, 'Posts.xml');
    const generatedAt = performance.now();
    const generated = await generate(file, targetBytes);
    const fileMb = round(statSync(file).size / 1024 ** 2, 0);
    const generateSeconds = round((performance.now() - generatedAt) / 1000, 1);
    const baseline = runChild(undefined, '--baseline');
    const read = runChild(undefined, '--read', file);
    // The same read with V8's heap capped: it only completes if what the reader holds is bounded.
    const capped = heapCapMb ? runChild(heapCapMb, '--read', file) : undefined;
    const report = {
      file_mb: fileMb,
      questions: generated.questions,
      answers: generated.answers,
      generate_seconds: generateSeconds,
      records_read: read.records,
      answers_read: read.answers,
      skipped: read.skipped,
      read_seconds: read.seconds,
      read_mb_per_second: round(fileMb / read.seconds, 1),
      peak_rss_mb: read.peak_rss_mb,
      baseline_rss_mb: baseline.peak_rss_mb,
      ...(capped && { heap_cap_mb: heapCapMb, capped_records_read: capped.records, capped_peak_rss_mb: capped.peak_rss_mb }),
    };
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      process.stdout.write(
        `Posts.xml of ${fileMb} MB (${report.questions} questions, ${report.answers} answers) read in ${report.read_seconds} s (${report.read_mb_per_second} MB/s, two passes): ` +
          `${report.records_read} records, ${report.skipped} skipped; peak RSS ${report.peak_rss_mb} MB (${report.baseline_rss_mb} MB with the reader loaded and nothing read)` +
          (capped ? `; with the heap capped at ${heapCapMb} MB: ${capped.records} records, peak RSS ${capped.peak_rss_mb} MB` : '') +
          '\n',
      );
    }
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}
