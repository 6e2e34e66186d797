import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DriverdeskError } from '../../errors.js';

export interface Prompts {
  system: string;
  user: string;
}

const REQUIRED: Record<keyof Prompts, { file: string; placeholders: string[] }> = {
  system: { file: 'answer-system.md', placeholders: [] },
  user: { file: 'answer-user.md', placeholders: ['question', 'threads', 'decoded_codes'] },
};

/** Reads both prompt files once and checks that each has exactly the placeholders it needs. */
export function loadPrompts(dir: string): Prompts {
  const read = (key: keyof Prompts): string => {
    const { file, placeholders } = REQUIRED[key];
    const path = join(dir, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new DriverdeskError({ code: 'prompt_invalid', message: `cannot read prompt ${path} (PROMPTS_DIR): ${(error as Error).message}`, cause: error });
    }
    const found = new Set([...text.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1] as string));
    const missing = placeholders.filter((name) => !found.has(name));
    const unknown = [...found].filter((name) => !placeholders.includes(name));
    if (missing.length > 0 || unknown.length > 0) {
      const parts = [
        missing.length > 0 ? `missing ${missing.map((name) => `{${name}}`).join(', ')}` : '',
        unknown.length > 0 ? `unknown ${unknown.map((name) => `{${name}}`).join(', ')}` : '',
      ].filter(Boolean);
      throw new DriverdeskError({ code: 'prompt_invalid', message: `prompt ${path}: ${parts.join('; ')}` });
    }
    return text;
  };
  return { system: read('system'), user: read('user') };
}

/** Fills {name} placeholders in one pass, so a value containing "{threads}" is not filled again. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
