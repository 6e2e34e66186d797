import { splitWords } from '../../text/words.js';

/**
 * Words that carry no problem of their own in a follow-up: connectives ("and", "what about")
 * and the platforms, versions and machines a follow-up moves the earlier question to.
 */
const FILLER = new Set(
  `and or but so also too either then what whats about how on in for with under the a an it this that does do is are
  would will can could should same there here case if i my we our now instead still again ok okay version versions
  one ones work works working run runs running support supported`.split(/\s+/),
);
const PLATFORM_WORDS = new Set(
  `ipad ipads iphone iphones ios ipados mac macs macos osx macbook imac intel apple silicon arm arm64 x86 x86_64 m1 m2 m3 m4
  big sur monterey ventura sonoma sequoia tahoe catalina mojave high sierra el capitan yosemite visionos watchos tvos
  linux windows android beta betas`.split(/\s+/),
);
/** Longer messages say enough of their own to be searched alone. */
const MAX_WORDS = 8;

/**
 * True for a follow-up that only moves an earlier question somewhere else ("and on iPad?",
 * "what about on Big Sur?", "same on intel macs?"): without the question it follows there is
 * nothing to search for.
 */
export function isContentFreeFollowUp(text: string): boolean {
  const words = splitWords(text);
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  let platforms = 0;
  for (const word of words) {
    if (PLATFORM_WORDS.has(word) || /^\d+(?:x|s)?$/.test(word)) platforms += 1;
    else if (!FILLER.has(word)) return false;
  }
  return platforms > 0;
}
