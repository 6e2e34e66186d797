import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../src/engine/query/parse-question.js';
import { findTechnicalTokens } from '../../../src/text/technical-tokens.js';

describe('parseQuestion', () => {
  it('strips mentions, greetings and thanks but keeps the question and its code', () => {
    const parsed = parseQuestion('<@123456> hi all, why does `IOService::Start` return false? thanks in advance', { botName: 'driverdesk' });
    expect(parsed.text).toBe('why does `IOService::Start` return false?');
    expect(parseQuestion('@driverdesk: what is a dext?', { botName: 'driverdesk' }).text).toBe('what is a dext?');
    expect(parseQuestion('<!channel> @everyone my dext crashes').text).toBe('my dext crashes');
  });

  it('cuts a huge paste before it becomes a query', () => {
    const parsed = parseQuestion(`why does my dext crash? ${'spam '.repeat(50_000)}`);
    expect(parsed.text.length).toBeLessThanOrEqual(8000);
    expect(parsed.text.startsWith('why does my dext crash?')).toBe(true);
  });

  it('decodes IOReturn codes and adds their names to the search', () => {
    const parsed = parseQuestion('IOServiceOpen gives me 0xE00002BC');
    expect(parsed.decodedCodes.map((code) => code.name)).toEqual(['kIOReturnError']);
    expect(parsed.searchText).toContain('kIOReturnError');
  });

  it('searches a pasted crash report on its distinctive lines only', () => {
    const log = [
      'My dext crashes under load, here is the report:',
      'Process: com.example.driver [512]',
      '2025-01-01 10:00:00.000 kernel[0]: some routine line',
      '2025-01-01 10:00:00.001 kernel[0]: another routine line',
      'Exception Type: EXC_BAD_ACCESS (SIGSEGV)',
      'Thread 5 Crashed:',
      '0 libdispatch.dylib 0x19671aa8c __DISPATCH_WAIT_FOR_QUEUE__ + 484',
      '1 libdispatch.dylib 0x19671a5d0 _dispatch_sync_f_slow + 152',
      '2 DriverKit 0x195d3fc1c IODispatchQueue::DispatchSync_f(void*, void (*)(void*)) + 296',
      '3 DriverKit 0x195d40860 IOInterruptDispatchSourceThread(void*) + 380',
      '4 libsystem_pthread.dylib 0x1968a3738 _pthread_start + 140',
    ].join('\n');
    const parsed = parseQuestion(log);
    expect(parsed.searchText).toContain('My dext crashes under load');
    expect(parsed.searchText).toContain('EXC_BAD_ACCESS');
    expect(parsed.searchText).toContain('IODispatchQueue::DispatchSync_f');
    expect(parsed.searchText).not.toContain('routine line');
    expect(parsed.searchText).not.toContain('_pthread_start');
    expect(parsed.searchText).not.toContain('0x19671aa8c');
  });
});

describe('findTechnicalTokens', () => {
  it('recognises API symbols, entitlement keys, bundle ids and codes', () => {
    const tokens = findTechnicalTokens(
      'IOService::Start, IODispatchQueue and OSAction with com.apple.developer.driverkit.transport.usb in com.example.MyDriver, 0xe00002c2 or -536870212; see Info.plist',
    );
    expect(tokens.map((token) => [token.kind, token.text])).toEqual([
      ['api', 'IOService::Start'],
      ['entitlement', 'com.apple.developer.driverkit.transport.usb'],
      ['entitlement', 'com.example.MyDriver'],
      ['hex', '0xe00002c2'],
      ['decimal', '-536870212'],
      ['api', 'IOService'],
      ['api', 'IODispatchQueue'],
      ['api', 'OSAction'],
    ]);
  });
});
