import { basename, extname, relative, sep } from 'node:path';
import { skipped, type ReadResult } from '../read-result.js';

/**
 * A Markdown document becomes one record: its first heading is the title, the rest the text.
 * Its id is its path inside the ingested folder without the extension (`guides/usb/README`),
 * so same-named files in different folders stay apart; a file given directly keeps its base name.
 */
export function* readMarkdown(text: string, file: string, defaultSource: string, root?: string): Generator<ReadResult> {
  const lines = text.split(/\r?\n/);
  const headingIndex = lines.findIndex((line) => /^#{1,6}\s+\S/.test(line));
  if (headingIndex === -1) {
    yield skipped(file, 1, 'Markdown file has no heading to use as its title');
    return;
  }
  const title = (lines[headingIndex] ?? '').replace(/^#{1,6}\s+/, '').trim();
  const body = lines.slice(headingIndex + 1).join('\n').trim();
  if (body === '') {
    yield skipped(file, headingIndex + 1, 'Markdown file has a title but no text');
    return;
  }
  yield {
    success: true,
    file,
    line: headingIndex + 1,
    value: {
      id: markdownId(file, root),
      title,
      question: body,
      answers: [],
      url: null,
      source: defaultSource,
      tags: [],
      metadata: {},
    },
  };
}

function markdownId(file: string, root: string | undefined): string {
  const path = root === undefined ? basename(file) : relative(root, file);
  return path.slice(0, path.length - extname(path).length).split(sep).join('/');
}
