import { describe, expect, it } from 'vitest';
import { payloadProblem } from '../../../src/adapters/slack/slack-receiver.js';

describe('payloadProblem', () => {
  it.each([
    ['an event callback', { type: 'event_callback', event: { type: 'app_mention' } }],
    ['a slash command', { command: '/ask', user_id: 'U1', channel_id: 'C1' }],
    ['a button click', { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'x' }] }],
    ['another typed payload', { type: 'view_submission' }],
  ])('lets %s through', (_name, body) => {
    expect(payloadProblem(body)).toBeUndefined();
  });

  it.each([
    [null, 'the payload is not a JSON object'],
    [[1, 2], 'the payload is not a JSON object'],
    [{ type: 'event_callback', event: null }, 'an event_callback without an event'],
    [{ type: 'event_callback', event: { text: 'no type' } }, 'an event_callback without an event'],
    [{ command: '/ask', channel_id: 'C1' }, 'a slash command without user_id or channel_id'],
    [{ type: 'block_actions', user: { id: 'U1' }, actions: [] }, 'block_actions without actions or user'],
    [{ hello: 'world' }, 'a payload of unknown shape'],
  ])('names what is wrong with %j', (body, problem) => {
    expect(payloadProblem(body)).toBe(problem);
  });
});
