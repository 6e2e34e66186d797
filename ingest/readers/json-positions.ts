import { type JSONPath, type ParseError, parse, printParseErrorCode, visit } from 'jsonc-parser';

/**
 * Parses a whole JSON document. The native parser does the work; only when it fails is the
 * text parsed again (by jsonc-parser) to say on which line the syntax breaks.
 */
export function parseJsonDocument(text: string): { success: true; value: unknown } | { success: false; line: number; error: string } {
  try {
    return { success: true, value: JSON.parse(text) };
  } catch (error) {
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) return { success: false, line: 1, error: `invalid JSON: ${(error as Error).message}` };
    // PropertyNameExpected → "property name expected".
    const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return { success: false, line: lineAt(text, first.offset), error: `invalid JSON: ${what}` };
  }
}

/**
 * The one-based line where each element of the array at `path` starts (`['messages']` for a
 * DiscordChatExporter file, `[]` for a Slack day file). The line table is built on the first
 * call only, so a file without problems is never scanned twice.
 */
export function elementLines(text: string, path: JSONPath): (index: number) => number {
  let lines: number[] | undefined;
  return (index) => {
    lines ??= scanElementLines(text, path);
    return lines[index] ?? 1;
  };
}

function scanElementLines(text: string, path: JSONPath): number[] {
  const lines: number[] = [];
  const depth = path.length + 1;
  const record = (startLine: number, at: JSONPath) => {
    if (at.length !== depth || typeof at[depth - 1] !== 'number') return;
    if (!path.every((segment, position) => at[position] === segment)) return;
    lines[at[depth - 1] as number] = startLine + 1;
  };
  visit(text, {
    onObjectBegin: (_offset, _length, startLine, _character, pathSupplier) => {
      record(startLine, pathSupplier());
    },
    onArrayBegin: (_offset, _length, startLine, _character, pathSupplier) => {
      record(startLine, pathSupplier());
    },
    onLiteralValue: (_value, _offset, _length, startLine, _character, pathSupplier) => {
      record(startLine, pathSupplier());
    },
  });
  return lines;
}

/** One-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}
