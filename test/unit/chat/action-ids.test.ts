import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type ChatAction } from '../../../src/chat/action-ids.js';

const ID = '3f2a9c1e-7b4d-4e8a-9c1f-0123456789ab';

describe('action ids', () => {
  it.each<ChatAction>([
    { kind: 'vote', vote: 'up', answerId: ID },
    { kind: 'vote', vote: 'down', answerId: ID },
    { kind: 'similar', answerId: ID },
    { kind: 'draft', answerId: ID },
    { kind: 'share', answerId: ID },
    { kind: 'solved', answerId: ID },
  ])('decodes what it encodes: %o', (action) => {
    const id = encodeAction(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeAction(id)).toEqual(action);
  });

  it('keeps the ids buttons already carry', () => {
    expect(encodeAction({ kind: 'vote', vote: 'up', answerId: ID })).toBe(`dd:vote:up:${ID}`);
    expect(encodeAction({ kind: 'similar', answerId: ID })).toBe(`dd:similar:${ID}`);
  });

  it.each([
    'dd:vote:sideways:abc',
    'dd:vote:up',
    'dd:vote:up:abc:extra',
    'dd:similar',
    'dd:similar:',
    'dd:similar:has space',
    'dd:similar:a:b',
    `dd:explode:${ID}`,
    `xx:similar:${ID}`,
    '',
    `dd:draft:${'a'.repeat(65)}`,
  ])('refuses %j', (id) => {
    expect(decodeAction(id)).toBeUndefined();
  });

  it('will not encode an id that could break the format', () => {
    expect(() => encodeAction({ kind: 'similar', answerId: 'a:b' })).toThrow(/not an answer id/);
  });
});
