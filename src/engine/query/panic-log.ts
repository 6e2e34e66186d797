/**
 * A pasted kernel panic is mostly addresses, registers, UUIDs and a list of every loaded kext.
 * What identifies it is a handful of lines: the panic string, the exception or trap type, the
 * panicked process, and the kexts and dexts named in the backtrace. This keeps those, without
 * their hex addresses and UUIDs, and drops the rest.
 */

/** `panic(cpu 0 caller 0xffffff80…): <panic string>`, the first line of every macOS panic. */
const PANIC_LINE = /panic\(cpu \d+ caller 0x[0-9a-f]+\):[ \t]*(.*)/i;
/** A kext or dext in "Kernel Extensions in backtrace": `com.example.driver(1.0)[UUID]@0x…->0x…`. */
const BACKTRACE_KEXT = /^\s*(?:dependency:\s*)?([A-Za-z][\w-]*(?:\.[\w-]+)+)\([\w.]+\)\[[0-9A-Fa-f-]+\]@0x[0-9a-f]+/;
const LAST_STARTED_KEXT = /^\s*last (?:started|unloaded) kext at \d+:\s*([A-Za-z][\w-]*(?:\.[\w-]+)+)/i;
const PANICKED_TASK = /^\s*Panicked task 0x[0-9a-f]+:.*?pid \d+:\s*(.+)$/i;
const BSD_PROCESS = /^\s*BSD process name corresponding to current thread:\s*(.+)$/i;
const EXCEPTION = /^\s*(Exception Type|Termination Reason|Crashed Thread|Kernel trap at .*type \d+=.*|Fault CR2.*)/i;
/** The list of every loaded kext (and what follows it) says nothing about this panic. */
const LOADED_KEXTS = /^\s*(?:loaded kexts:|Kernel Extensions in backtrace: *none)/i;
const HEX = /\b0x[0-9a-f]+\b/gi;
const UUID = /\b[0-9A-F]{8}-(?:[0-9A-F]{4}-){3}[0-9A-F]{12}\b|\b[0-9A-F]{32}\b/gi;

/** True when `text` holds a macOS kernel panic (as pasted, or Apple's .panic JSON with its panicString). */
export function isPanicLog(text: string): boolean {
  return PANIC_LINE.test(text) || /"panicString"\s*:/.test(text);
}

/** The distinctive lines of a panic log, addresses and UUIDs removed; the person's own words before it are kept. */
export function panicLines(text: string): string[] {
  const lines = unwrapPanicJson(text).split(/\r?\n/);
  const panicAt = lines.findIndex((line) => PANIC_LINE.test(line));
  const ownWords = lines.slice(0, Math.max(panicAt, 0)).filter((line) => line.trim() !== '' && !/^\s*\{"bug_type"/.test(line));
  const kept: string[] = ownWords.map((line) => line.trim());
  const kexts: string[] = [];
  for (const line of lines.slice(Math.max(panicAt, 0))) {
    if (LOADED_KEXTS.test(line)) break;
    const panic = line.match(PANIC_LINE);
    const kext = line.match(BACKTRACE_KEXT) ?? line.match(LAST_STARTED_KEXT);
    const process = line.match(PANICKED_TASK) ?? line.match(BSD_PROCESS);
    if (panic) kept.push(clean(panic[1] ?? ''));
    else if (kext?.[1]) kexts.push(kext[1]);
    else if (process?.[1]) kept.push(`process ${clean(process[1])}`);
    else if (EXCEPTION.test(line)) kept.push(clean(line));
  }
  // Third-party kexts first: Apple's own families appear in most panics.
  const thirdParty = kexts.filter((id) => !/^com\.apple\./.test(id));
  const apple = kexts.filter((id) => /^com\.apple\./.test(id));
  return [...new Set([...kept, ...thirdParty, ...apple])].filter((line) => line !== '').slice(0, 24);
}

/** Apple's .panic files are JSON whose panicString holds the log with escaped newlines. */
function unwrapPanicJson(text: string): string {
  const match = text.match(/"panicString"\s*:\s*"((?:[^"\\]|\\.)*)"/);
  if (!match) return text;
  try {
    const panicString = JSON.parse(`"${match[1]}"`) as string;
    return `${text.slice(0, match.index).replace(/\{[^\n]*$/, '')}\n${panicString}`;
  } catch {
    return text;
  }
}

/** A line without addresses, UUIDs, or the punctuation they leave behind. */
function clean(line: string): string {
  return (
    line
      .replace(HEX, ' ')
      .replace(UUID, ' ')
      // What an address leaves behind: "(addr: )", "at ,", "[ ]".
      .replace(/\(\s*(?:addr:?\s*)?\)|\[\s*\]/gi, ' ')
      .replace(/\s+(?:at|caller|addr:?)\s*(?=[,)]|$)/gi, '')
      .replace(/\s+([,)])/g, '$1')
      .replace(/\s+(["'])(?=\s|$)/g, '$1')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
