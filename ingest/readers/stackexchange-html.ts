import { compile, type FormatCallback } from 'html-to-text';

/** Marks a closing fence, so the blank lines a code block ends with can be removed before it. */
const CLOSING_FENCE = '\uE000```';

/** `<pre>` blocks stay code: fenced, with their line breaks and indentation. */
const codeBlock: FormatCallback = (element, walk, builder) => {
  builder.openBlock({ isPre: true, leadingLineBreaks: 2 });
  builder.addLiteral('```\n');
  walk(element.children, builder);
  builder.addLiteral(`\n${CLOSING_FENCE}`);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

/** Inline `<code>` keeps its backticks, so `IOServiceOpen` still reads as a symbol. */
const inlineCode: FormatCallback = (element, walk, builder) => {
  const inBlock = (element as { parent?: { name?: string } }).parent?.name === 'pre';
  if (!inBlock) builder.addLiteral('`');
  walk(element.children, builder);
  if (!inBlock) builder.addLiteral('`');
};

const convert = compile({
  wordwrap: false,
  formatters: { codeBlock, inlineCode },
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['(', ')'] } },
    { selector: 'img', format: 'skip' },
    { selector: 'pre', format: 'codeBlock' },
    { selector: 'code', format: 'inlineCode' },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/**
 * A post body (rendered HTML, as the dumps carry it) → readable plain text: paragraphs,
 * lists and quotes as text, links as `text (address)`, code blocks fenced with their
 * whitespace, entities decoded. Images are dropped (their alt text is rarely useful).
 */
export function postHtmlToText(html: string): string {
  return convert(html)
    .replaceAll(/\n+\uE000```/g, '\n```')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
