import { describe, expect, it } from 'vitest';
import { isContentFreeFollowUp } from '../../../../src/engine/query/follow-up.js';

describe('isContentFreeFollowUp', () => {
  it.each(['and on iPad?', 'what about on big sur?', 'same on intel macs?', 'does it work on iOS 17 too?', 'and macOS 15.2?', 'what about Linux'])(
    'is true for "%s": it only moves an earlier question',
    (text) => expect(isContentFreeFollowUp(text)).toBe(true),
  );

  it.each([
    'what about the entitlement on iPad?',
    'does IOUserClient work on iPad?',
    'thanks',
    'and?',
    '',
    'can a DriverKit USB driver run on an iPad with an M1 chip, or only on a mac with apple silicon like an m2?',
  ])('is false for "%s": it says something of its own, or names no platform', (text) => expect(isContentFreeFollowUp(text)).toBe(false));
});
