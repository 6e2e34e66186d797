import { describe, expect, it } from 'vitest';
import { REDACTED, redactAnswer, redactSecrets } from '../../../src/chat/redact-secrets.js';
import type { Answer } from '../../../src/engine/answer.js';

describe('redactSecrets', () => {
  it.each([
    ['a Slack bot token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
    ['a Slack user token', 'xoxp-123456789012-123456789012-123456789012-0123456789abcdef0123456789abcdef'],
    ['a Slack app-level token', 'xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef'],
    ['a Slack webhook', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    ['an OpenAI key', 'sk-proj-abcdefghijklmnop1234567890ABCDEFGH'],
    ['a legacy OpenAI key', 'sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ'],
    ['an Anthropic key', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789-ABCDEFGH'],
    ['a GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a fine-grained GitHub token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['a Google API key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
    ['a Discord bot token', 'MTAyNDk4NzY1NDMyMTAxMjM0NQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a JSON Web Token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ])('removes %s', (_name, secret) => {
    const text = redactSecrets(`use ${secret} here`);
    expect(text).toBe(`use ${REDACTED} here`);
  });

  it('keeps the name of an assigned AWS secret and a Bearer prefix, and removes a PEM private key', () => {
    expect(redactSecrets('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(`aws_secret_access_key = ${REDACTED}`);
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnop0123456789')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactSecrets('-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----')).toBe(REDACTED);
  });

  it.each([
    'com.apple.developer.driverkit.transport.usb',
    'panic(cpu 0 caller 0xffffff8011e8a5cd)',
    'com.example.capture.CaptureCard(2.4.1)[3F1A2B3C-4D5E-6F70-8192-A3B4C5D6E7F8]',
    'the disk-arbitration-daemon-with-a-long-name restarts',
    'IOServiceOpen returns 0xe00002c2 (kIOReturnNotPrivileged)',
    'task-based sk-learn pipelines',
    'https://developer.apple.com/forums/thread/825971',
  ])('leaves driver text alone: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('redacts every text of an Answer a person sees', () => {
    const secret = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
    const answer: Answer = {
      answerId: 'a1',
      question: `why does ${secret} fail?`,
      answer: `Use ${secret} [1].`,
      mode: 'llm',
      confidence: 0.9,
      citations: [{ id: '1', title: `Token ${secret}`, url: 'https://example.org/1' }],
      similar: [{ id: '2', title: 'Other', url: null, score: 0.5, snippet: `snippet ${secret}` }],
      searchedFor: secret,
      decodedCodes: [],
      notice: `notice ${secret}`,
      drafter: 'openai:gpt',
    };
    expect(JSON.stringify(redactAnswer(answer))).not.toContain(secret);
  });
});
