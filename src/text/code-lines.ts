/**
 * Which lines of a forum post are code, a command or a pasted log rather than prose. Scraped
 * posts lose their code fences, so this is judged line by line from how the line looks.
 */

/** Lines that open with a language keyword, a preprocessor line, a shell prompt, a brace or a tag. */
const CODE_START =
  /^(?:#(?:include|import|define|if|endif|pragma)\b|(?:import|func|let|var|const|class|struct|enum|static|return|typedef|extern|public|private|override|virtual|void|kern_return_t|IOReturn|uint\d+_t|int\d*_t|bool|auto)\s|(?:if|for|while|switch)\s*\(|[{}]|\/\/|\/\*|\*\/|<\/?[A-Za-z][\w.:-]*(?:\s[^>]*)?\/?>|[%$#]\s+\S|sudo\s|[└├│┌┐┘┴┬]|\w+\s*=\s*\w+\(|@(?:interface|implementation|end|property)\b)/;
/** Four lower-case words in a row: a sentence, even when it ends in ; or a call. */
const PROSE_RUN = /\b[a-z]{2,}\s[a-z]{2,}\s[a-z]{2,}\s[a-z]{2,}\b/;
const LIST_MARKER = /^(?:[•◦▪‣*-]|\d{1,2}[.)])\s+/;

/** True when a fenced block (```) opens or closes on this line. */
export function isFence(line: string): boolean {
  return /^\s*(?:```|~~~)/.test(line);
}

/** True when a line looks like code, a shell command, a plist/XML line or a log line. */
export function isCodeLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return false;
  // An indented line that is not a list item: Markdown's indented code, and pasted code keeps its indent.
  if (/^(?: {4,}|\t)/.test(line) && !LIST_MARKER.test(trimmed)) return true;
  if (LIST_MARKER.test(trimmed)) return false;
  if (CODE_START.test(trimmed)) return true;
  // A statement end, or a short line that is a call (`IMPL(MyDriver, Start)`), unless it reads as prose.
  if (!PROSE_RUN.test(trimmed) && (/[;{]$/.test(trimmed) || (/\w\([^()]*\)\s*$/.test(trimmed) && trimmed.split(/\s+/).length <= 6))) return true;
  const letters = (trimmed.match(/[A-Za-z]/g) ?? []).length;
  const symbols = (trimmed.match(/[{}()[\];=<>*&|\\]/g) ?? []).length;
  return trimmed.length >= 8 && symbols >= 4 && symbols * 3 > letters;
}

/** Length of a leading list marker ("• ", "- ", "1. ", "2)") on a line, 0 when there is none. */
export function listMarkerLength(line: string): number {
  const trimmed = line.trimStart();
  // "2.Does macOS support…": a scraped numbered item may lose its space.
  const match = trimmed.match(LIST_MARKER) ?? trimmed.match(/^(?:\d{1,2}\.|-)(?=[A-Z])/);
  return match ? line.length - trimmed.length + match[0].length : 0;
}
