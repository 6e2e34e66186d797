import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectsNoAnswer, isLabelled, readLabelledQuestions } from '../../../src/eval/labelled-questions.js';
import { tempDir } from '../../helpers/temp-db.js';

const dir = tempDir();
afterAll(dir.remove);

function file(name: string, lines: string[]): string {
  const path = join(dir.path, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('readLabelledQuestions', () => {
  it('accepts "relevant": [] as a question that should not be answered, and keeps the kind', async () => {
    const questions = await readLabelledQuestions(
      file('mixed.jsonl', [
        JSON.stringify({ question: 'which entitlement for a USB dext?', relevant: ['798049'], kind: 'paraphrase' }),
        JSON.stringify({ question: 'udev rule for ttyUSB', relevant: [], kind: 'uncovered' }),
        JSON.stringify({ question: 'listing post', relevant: [], relevant_titles: ['IOS alternatives to DriverKit'] }),
      ]),
    );
    expect(questions.map(expectsNoAnswer)).toEqual([false, true, false]);
    expect(questions[0]).toMatchObject({ kind: 'paraphrase', line: 1 });
    expect(questions[2]?.kind).toBeUndefined();
  });

  it('still refuses a line with no label at all, naming the file and line', async () => {
    const path = file('unlabelled.jsonl', [JSON.stringify({ question: 'ok', relevant: ['1'] }), JSON.stringify({ question: 'no label' })]);
    await expect(readLabelledQuestions(path)).rejects.toThrow(`${path}:2: needs "relevant" or "relevant_titles"`);
  });
});

describe('isLabelled', () => {
  const question = { question: 'q', relevant: ['798056'], relevantTitles: ['IOS alternatives to DriverKit'], line: 1 };
  it('matches by id, by another id of the same post, or by title', () => {
    expect(isLabelled(question, { id: '798056', title: 'x' })).toBe(true);
    expect(isLabelled(question, { id: 'driverkit-transport-usb', title: 'x', aliases: ['798056'] })).toBe(true);
    expect(isLabelled(question, { id: 'other', title: 'IOS alternatives to DriverKit' })).toBe(true);
    expect(isLabelled(question, { id: 'other', title: 'x' })).toBe(false);
  });
});
