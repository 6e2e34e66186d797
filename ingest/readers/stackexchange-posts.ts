import { basename, dirname } from 'node:path';
import { skipped, type ReadResult } from '../read-result.js';
import type { ThreadRecord } from '../thread-record.js';
import { LastAnswerIndex } from './last-answer-index.js';
import { postsXmlRows } from './posts-xml-rows.js';
import { postHtmlToText } from './stackexchange-html.js';

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

/** A question read, waiting for the rest of its answers. */
interface OpenQuestion {
  record: ThreadRecord;
  line: number;
  acceptedAnswerId: number | undefined;
  lastAnswerId: number;
  answers: Array<{ id: number; text: string; score: number; accepted: boolean }>;
}

/**
 * The site a Posts.xml belongs to: its folder's name when that is a domain (`superuser.com/Posts.xml`,
 * as the dumps unpack), a `DOMAIN-Posts.xml` file name, else the ingest's `--site`.
 */
export function stackExchangeSite(file: string, option: string | undefined): string | undefined {
  const folder = basename(dirname(file));
  if (DOMAIN.test(folder)) return folder.toLowerCase();
  const prefix = /^(.+)-Posts\.xml$/i.exec(basename(file))?.[1];
  if (prefix && DOMAIN.test(prefix)) return prefix.toLowerCase();
  return option;
}

/**
 * A Stack Exchange dump's Posts.xml → one record per question, its answers accepted first then
 * by score. Streamed twice: the first pass notes each question's last answer id (8 bytes a
 * question); the second emits a question as soon as its last answer is read, so only
 * questions still waiting for an answer are held, never the file.
 */
export async function* readStackExchangePosts(file: string, site: string): AsyncGenerator<ReadResult> {
  const index = new LastAnswerIndex();
  for await (const row of postsXmlRows(file)) {
    if ('error' in row) break; // the second pass reports it, with everything before it
    const id = wholeNumber(row.attributes.Id);
    if (id === undefined) continue;
    if (row.attributes.PostTypeId === '1') index.addQuestion(id);
    const parent = wholeNumber(row.attributes.ParentId);
    if (row.attributes.PostTypeId === '2' && parent !== undefined) index.addAnswer(parent, id);
  }

  const open = new Map<number, OpenQuestion>();
  for await (const row of postsXmlRows(file)) {
    if ('error' in row) {
      yield skipped(file, row.line, row.error);
      break;
    }
    const { attributes, line } = row;
    const id = wholeNumber(attributes.Id);
    if (attributes.PostTypeId === '1') {
      const problem = id === undefined ? 'question row without a numeric Id' : missing(attributes, ['Title', 'Body']);
      if (problem !== undefined || id === undefined) {
        yield skipped(file, line, problem ?? 'question row without a numeric Id');
        continue;
      }
      const question = toQuestion(id, attributes, site, index.lastAnswerOf(id), line);
      if (question.lastAnswerId === 0) yield { success: true, value: complete(question), file, line };
      else open.set(id, question);
    } else if (attributes.PostTypeId === '2') {
      const parentId = wholeNumber(attributes.ParentId);
      const parent = parentId === undefined ? undefined : open.get(parentId);
      if (!parent || parentId === undefined) {
        yield skipped(file, line, `answer ${attributes.Id ?? '(no Id)'}: its question ${attributes.ParentId ?? '(no ParentId)'} is missing, skipped, or comes after it`);
        continue;
      }
      const problem = id === undefined ? 'answer row without a numeric Id' : missing(attributes, ['Body']);
      if (problem || id === undefined) yield skipped(file, line, problem ?? 'answer row without a numeric Id');
      else parent.answers.push({ id, text: detach(postHtmlToText(attributes.Body ?? '')), score: optionalNumber(attributes.Score) ?? 0, accepted: id === parent.acceptedAnswerId });
      // Complete even when the last answer itself was malformed, or the question would stay open.
      if (id === parent.lastAnswerId) {
        open.delete(parentId);
        yield { success: true, value: complete(parent), file, line: parent.line };
      }
    }
  }
  // Left open only when an answer row was cut off or broken: the question is still worth having.
  for (const question of open.values()) yield { success: true, value: complete(question), file, line: question.line };
}

function toQuestion(id: number, attributes: Record<string, string>, site: string, lastAnswerId: number | undefined, line: number): OpenQuestion {
  return {
    line,
    acceptedAnswerId: wholeNumber(attributes.AcceptedAnswerId),
    lastAnswerId: lastAnswerId ?? 0,
    answers: [],
    record: {
      id: String(id),
      title: detach((attributes.Title ?? '').trim()),
      question: detach(postHtmlToText(attributes.Body ?? '')),
      answers: [],
      url: `https://${site}/q/${id}`,
      source: site,
      tags: parseTags(attributes.Tags ?? '').map(detach),
      boosts: optionalNumber(attributes.Score),
      views: optionalNumber(attributes.ViewCount),
      activity: optionalDetach(attributes.LastActivityDate ?? attributes.CreationDate),
      metadata: { created: optionalDetach(attributes.CreationDate) ?? null },
    },
  };
}

function complete(question: OpenQuestion): ThreadRecord {
  const answers = question.answers
    .filter((answer) => answer.text !== '')
    .sort((a, b) => Number(b.accepted) - Number(a.accepted) || b.score - a.score || a.id - b.id)
    .map((answer) => ({ text: answer.text, ...(answer.accepted && { accepted: true }) }));
  return { ...question.record, answers, replies: answers.length };
}

/** Tags come as `<usb><driverkit>` in older dumps and `|usb|driverkit|` in newer ones. */
export function parseTags(tags: string): string[] {
  return tags.split(/[<>|]+/).filter((tag) => tag !== '');
}

function missing(attributes: Record<string, string>, names: string[]): string | undefined {
  const absent = names.filter((name) => (attributes[name] ?? '').trim() === '');
  return absent.length === 0 ? undefined : `post ${attributes.Id}: no ${absent.join(' or ')}`;
}

/**
 * A copy sharing no memory with the parser's input. Attribute values are slices of the text
 * chunk they were read from, and V8 keeps the whole chunk alive for as long as a slice of it
 * is: without this, each question left open pins a chunk (peak RSS grew with the file).
 */
function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function optionalDetach(text: string | undefined): string | undefined {
  return text === undefined ? undefined : detach(text);
}

function wholeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  const number = Number(value);
  return number <= 0xffffffff ? number : undefined;
}

function optionalNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}
