const QUESTION_START =
  /^(how|why|what|when|where|which|who|is|are|can|could|does|do|did|should|would|will|has|have|any|anyone|has anyone|is there)\b/i;
const PROBLEM_WORDS = /\b(error|fails?|failed|failing|crash(es|ed)?|panic|kernel panic|doesn'?t work|not working|won'?t|can'?t|cannot|unable|broken)\b/i;
/** A pasted error code is a report of a problem even without words around it. */
const ERROR_CODE = /\b(0x[0-9a-f]{8}|kIOReturn\w+|-5368\d{5})\b/i;

/**
 * In channels where the bot answers unprompted it must not answer chatter: only messages
 * that ask something or report a problem count.
 */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < 8) return false;
  return trimmed.includes('?') || QUESTION_START.test(trimmed) || PROBLEM_WORDS.test(trimmed) || ERROR_CODE.test(trimmed);
}
