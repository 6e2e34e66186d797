import { describe, expect, it } from 'vitest';
import { decodeReturnCode, describeReturnCode, IOKIT_COMMON_RETURN_CODES } from '../../../src/engine/query/iokit-return-codes.js';

describe('decodeReturnCode', () => {
  it.each([
    ['0xe00002bc', 'kIOReturnError', 'general error'],
    ['0xE00002C2', 'kIOReturnBadArgument', 'invalid argument'],
    ['0xe00002d7', 'kIOReturnOffline', 'device offline'],
    ['0xe00002c1', 'kIOReturnNotPrivileged', 'privilege violation'],
    ['0xe00002c7', 'kIOReturnUnsupported', 'unsupported function'],
    ['0xe00002f0', 'kIOReturnNotFound', 'data was not found'],
    ['-536870212', 'kIOReturnError', 'general error'],
  ])('names %s as %s', (raw, name, meaning) => {
    expect(decodeReturnCode(raw)).toMatchObject({ system: 0x38, subsystem: 0, name, meaning });
  });

  it('splits a code into system, subsystem and code', () => {
    expect(decodeReturnCode('0xe00002bc')).toMatchObject({ hex: '0xe00002bc', system: 0x38, systemName: 'IOKit (sys_iokit)', subsystem: 0, code: 0x2bc });
  });

  it('decodes an unknown code into its parts without inventing a name', () => {
    const decoded = decodeReturnCode('0xe000404f');
    expect(decoded).toMatchObject({ system: 0x38, subsystem: 1, subsystemName: 'USB (sub_iokit_usb)', code: 0x4f, name: undefined, meaning: undefined });
    const text = describeReturnCode(decoded!);
    expect(text).toBe("0xe000404f is not in IOReturn.h's common table; it decodes as system 0x38 (IOKit (sys_iokit)), subsystem 0x1 (USB (sub_iokit_usb)), code 0x4f.");
    expect(text).not.toMatch(/kIOReturn/);
  });

  it('does not name a common code number that sits in another subsystem', () => {
    expect(decodeReturnCode('0xe00042bc')?.name).toBeUndefined();
  });

  it('ignores values that are not error codes (addresses, zero, garbage)', () => {
    expect(decodeReturnCode('0x19671aa8c')).toBeUndefined();
    expect(decodeReturnCode('0x0')).toBeUndefined();
    expect(decodeReturnCode('0x80000000')).toBeUndefined();
    expect(decodeReturnCode('hello')).toBeUndefined();
  });

  it('keeps every named code of the table distinct and in the IOKit common range', () => {
    const names = IOKIT_COMMON_RETURN_CODES.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(50);
    for (const entry of IOKIT_COMMON_RETURN_CODES) expect(decodeReturnCode(entry.hex)?.name).toBe(entry.name);
  });
});
