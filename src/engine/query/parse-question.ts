import { stripControlCharacters, stripMentions } from '../../text/mentions.js';
import { findTechnicalTokens, type TechnicalToken } from '../../text/technical-tokens.js';
import { decodeReturnCode, type DecodedReturnCode } from './iokit-return-codes.js';
import { isPanicLog, panicLines } from './panic-log.js';

export interface ParsedQuestion {
  /** The question as a person would read it, chat noise removed. */
  text: string;
  /** What is searched: distinctive lines of pasted logs, plus decoded error-code names. */
  searchText: string;
  tokens: TechnicalToken[];
  decodedCodes: DecodedReturnCode[];
}

const GREETING = /^(?:(?:hi|hello|hey|dear)(?:\s+(?:all|everyone|folks|guys|team|there|apple|engineers|driverdesk))*[,!.\s]+)+/i;
const THANKS = /\s*(?:thanks|thank you|thx|ty)(?:\s+(?:in advance|a lot|so much))?[.!]*\s*$/i;
/** Lines worth searching in a pasted log or crash report. */
const DISTINCTIVE_LINE =
  /exception|crash|panic|error|fail|fault|denied|reject|unsatisfied|assert|timed? ?out|kIOReturn|\b0x[de]0[0-9a-f]{6}\b|EXC_|SIG[A-Z]{3,}|Termination|not permitted|invalid/i;
const LOG_LINE = /^\s*(?:\d+\s+\S+\s+0x[0-9a-f]+|\d{4}-\d{2}-\d{2}[ T]\d|\[\d|\w+\[\d+\]:|Thread \d+|0x[0-9a-f]{6,})/i;

/** Longer messages are cut: a pasted megabyte of log must not become a megabyte-long query. */
const MAX_QUESTION_CHARS = 8000;
/** How much of a pasted kernel panic is read for its distinctive lines. */
const MAX_LOG_CHARS = 64_000;

export interface ParseQuestionOptions {
  /** The bot's own name, stripped when a message starts by addressing it. */
  botName?: string;
}

/** Chat text → what to search for and which exact tokens and codes it carries. */
export function parseQuestion(raw: string, options: ParseQuestionOptions = {}): ParsedQuestion {
  let text = stripControlCharacters(stripMentions(raw.slice(0, MAX_LOG_CHARS)));
  if (options.botName) text = text.replace(new RegExp(`^\\s*@?${escapeRegExp(options.botName)}\\b[,:]?`, 'i'), ' ');
  text = text.trim().replace(GREETING, '').replace(THANKS, '').trim();
  // A panic's backtrace can lie past the question's length cap: it is reduced from the longer paste.
  const panic = isPanicLog(text) ? panicLines(text) : undefined;
  text = text.slice(0, MAX_QUESTION_CHARS).trim();

  const lines = text.split(/\r?\n/);
  const searchLines = panic ?? (lines.length > 6 ? distinctiveLines(lines) : lines);
  // Tokens (and so decoded codes) come from what is searched: a log's addresses are not error codes.
  const tokens = findTechnicalTokens(searchLines.join('\n'));
  const decodedCodes = tokens
    .filter((token) => token.kind === 'hex' || token.kind === 'decimal')
    .map((token) => decodeReturnCode(token.text))
    .filter((decoded): decoded is DecodedReturnCode => decoded !== undefined);
  const codeNames = decodedCodes.flatMap((decoded) => (decoded.name ? [decoded.name] : []));
  return {
    text,
    searchText: [...searchLines, ...codeNames].join('\n').trim(),
    tokens,
    decodedCodes,
  };
}

/**
 * A pasted log is mostly noise (addresses, timestamps, frames of system libraries): keep the
 * person's own words, the lines that name an error, and the first frames after "Crashed".
 */
function distinctiveLines(lines: string[]): string[] {
  const kept: string[] = [];
  let framesAfterCrash = 0;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (/Thread \d+ Crashed/i.test(trimmed)) {
      kept.push(trimmed);
      framesAfterCrash = 3;
    } else if (framesAfterCrash > 0 && /^\d+\s/.test(trimmed)) {
      kept.push(trimmed.replace(/0x[0-9a-f]+/gi, ' '));
      framesAfterCrash -= 1;
    } else if (!LOG_LINE.test(trimmed) || DISTINCTIVE_LINE.test(trimmed)) {
      // Addresses (more than 8 hex digits) are noise; error codes such as 0xe00002c2 stay.
      kept.push(trimmed.replace(/\b0x[0-9a-f]{9,}\b/gi, ' ').replace(/\s+/g, ' ').trim());
    }
  }
  const unique = [...new Set(kept)];
  return unique.slice(0, 24);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
