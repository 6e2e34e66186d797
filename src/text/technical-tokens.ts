/**
 * Exact technical tokens driver developers paste: API symbols, entitlement keys and bundle
 * ids, hex and decimal error codes. They are matched exactly (a word tokenizer would split
 * `IOService::Start` or `com.apple.developer.driverkit.transport.usb` into common words), so
 * both the index and the query carry each one as a single normalised "symbol word".
 */
export type TechnicalTokenKind = 'api' | 'entitlement' | 'hex' | 'decimal';

export interface TechnicalToken {
  kind: TechnicalTokenKind;
  /** As written in the text. */
  text: string;
  /** Lowercase letters and digits only: what the full-text index stores and matches. */
  symbol: string;
}

const QUALIFIED = /\b[A-Za-z_]\w*(?:::~?[A-Za-z_]\w*)+/g;
// Linear-time on long texts: no nested optional groups that could backtrack.
const DOTTED_ID = /\b[a-z][a-z0-9-]*(?:\.[a-z0-9-]+){2,}/gi;
const HEX = /\b0x[0-9a-f]{4,16}\b/gi;
/** Negative 32-bit values as C prints an IOReturn (`-536870212`), or long error numbers. */
const DECIMAL = /(?<![\w.])-\d{6,10}\b/g;
/** IOKit/DriverKit style names and camelCase identifiers with an inner capital. */
const IDENTIFIER = /\b(?:(?:IO|OS|k[A-Z]|CF|NS|CB|SCSI|USB|PCI|HID)[A-Za-z0-9_]{3,}|[a-z]+[A-Z][A-Za-z0-9_]+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\b/g;
/** File names and URLs look like dotted ids but are not entitlement keys or bundle ids. */
const FILE_EXTENSION = /\.(?:h|c|cpp|mm?|swift|plist|txt|log|json|iig|dext|kext|app|framework|com|org|net|html?)$/i;

/**
 * Platform and framework names look like API symbols but say little about which thread is
 * right: nearly every thread mentions DriverKit or macOS. They are not boosted as exact matches.
 */
const GENERIC_SYMBOLS = new Set(
  `driverkit iokit usbdriverkit pcidriverkit hiddriverkit serialdriverkit networkingdriverkit audiodriverkit
  scsicontrollerdriverkit scsiperipheralsdriverkit blockstoragedevicedriverkit macos ipados iphone ipad
  macbook imac testflight appstore`.split(/\s+/),
);

export function isGenericSymbol(symbol: string): boolean {
  return GENERIC_SYMBOLS.has(symbol);
}

/** All technical tokens in a text, each once, in order of first appearance. */
export function findTechnicalTokens(text: string): TechnicalToken[] {
  const found = new Map<string, TechnicalToken>();
  const add = (kind: TechnicalTokenKind, raw: string) => {
    const symbol = toSymbol(raw);
    if (symbol.length < 4 || found.has(symbol)) return;
    found.set(symbol, { kind, text: raw, symbol });
  };
  for (const match of text.matchAll(QUALIFIED)) add('api', match[0]);
  let maskedText = text;
  for (const match of text.matchAll(DOTTED_ID)) {
    const value = match[0];
    // Version numbers (macos.15.2) are not ids: every part after the first must hold a letter.
    if (value.split('.').slice(1).every((part) => /[a-z]/i.test(part)) && !FILE_EXTENSION.test(value) && !/^www\./i.test(value)) {
      add('entitlement', value);
    }
    maskedText = maskedText.replace(value, ' ');
  }
  for (const match of text.matchAll(HEX)) add('hex', match[0].toLowerCase());
  for (const match of text.matchAll(DECIMAL)) add('decimal', match[0]);
  // Parts of a bundle id ("MyDriver" in com.example.MyDriver) are not API names of their own.
  for (const match of maskedText.matchAll(IDENTIFIER)) add('api', match[0]);
  return [...found.values()];
}

/** `IOService::Start` → `ioservicestart`; `-536870212` → `n536870212` (a leading minus would be dropped by tokenizers). */
export function toSymbol(raw: string): string {
  const sign = raw.startsWith('-') ? 'n' : '';
  return sign + raw.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The symbol words of a text, space-separated, for the full-text column. */
export function symbolWords(text: string): string {
  return findTechnicalTokens(text)
    .map((token) => token.symbol)
    .join(' ');
}
