import { describe, expect, it } from 'vitest';
import { isPanicLog, panicLines } from '../../../src/engine/query/panic-log.js';
import { parseQuestion } from '../../../src/engine/query/parse-question.js';

/** An Intel Mac panic in a third-party kext, shaped as macOS writes it. */
const INTEL_PANIC = `My Mac panics every time I unplug our PCIe capture card. Here is the log:

panic(cpu 0 caller 0xffffff8011e8a5cd): Kernel trap at 0xffffff7f94b2c3d1, type 14=page fault, registers:
CR0: 0x0000000080010033, CR2: 0x0000000000000028, CR3: 0x000000002a8c5000, CR4: 0x00000000003627e0
RAX: 0x0000000000000000, RBX: 0xffffff80406a6e00, RCX: 0x0000000000000000, RDX: 0x0000000000000001
RSP: 0xffffffa0b28e3b70, RBP: 0xffffffa0b28e3bb0, RSI: 0xffffff8040e47a00, RDI: 0x0000000000000000
RFL: 0x0000000000010246, RIP: 0xffffff7f94b2c3d1, CS:  0x0000000000000008, SS:  0x0000000000000010
Fault CR2: 0x0000000000000028, Error code: 0x0000000000000000, Fault CPU: 0x0, PL: 0, VF: 1

Backtrace (CPU 0), Frame : Return Address
0xffffffa0b28e3620 : 0xffffff8011d1a65d mach_kernel : _handle_debugger_trap + 0x49d
0xffffffa0b28e3670 : 0xffffff8011e541a5 mach_kernel : _kdp_i386_trap + 0x155
0xffffffa0b28e3bb0 : 0xffffff7f94b2a8e4 com.example.capture.CaptureCard : __ZN11CaptureCard4stopEP9IOService + 0x44
      Kernel Extensions in backtrace:
         com.example.capture.CaptureCard(2.4.1)[3F1A2B3C-4D5E-6F70-8192-A3B4C5D6E7F8]@0xffffff7f94b28000->0xffffff7f94b34fff
            dependency: com.apple.iokit.IOPCIFamily(2.9)[6F7F1E2D-3C4B-5A69-7887-96A5B4C3D2E1]@0xffffff7f92a1b000->0xffffff7f92a4ffff

BSD process name corresponding to current thread: kernel_task

Mac OS version:
21G115

Kernel version:
Darwin Kernel Version 21.6.0: Mon Aug 22 20:17:10 PDT 2022; root:xnu-8020.140.49~2/RELEASE_X86_64
Kernel UUID: 1A2B3C4D-5E6F-7081-92A3-B4C5D6E7F809
System model name: MacBookPro16,1 (Mac-E1008331FDC96864)
System uptime in nanoseconds: 5123456789012
last started kext at 4567890123: com.example.capture.CaptureCard	2.4.1 (addr 0xffffff7f94b28000, size 53248)
loaded kexts:
com.example.capture.CaptureCard	2.4.1
com.apple.filesystems.smbfs	4.0
com.apple.driver.AppleUSBHostMergeProperties	1.2
`;

/** An Apple silicon panic, with a DriverKit-era zone_require failure. */
const ARM_PANIC = `panic(cpu 4 caller 0xfffffe001d3e1c4c): "zone_require failed: address not in a zone (addr: 0xfffffe3002a1c000)" @zalloc.c:1225
Debugger message: panic
Memory ID: 0x1
OS release type: User
OS version: 23E224
Kernel version: Darwin Kernel Version 23.4.0: Fri Mar 15 00:10:42 PDT 2024; root:xnu-10063.101.17~1/RELEASE_ARM64_T6000
Fileset Kernelcache UUID: 2C8D5E3A1B7F4C6D9E0A1B2C3D4E5F60
Kernel UUID: 7A6B5C4D-3E2F-1A0B-9C8D-7E6F5A4B3C2D
iBoot version: iBoot-10151.101.3
Panicked task 0xfffffe1b3d4a4678: 0 pages, 431 threads: pid 0: kernel_task
Panicked thread: 0xfffffe1b3c7f4000, backtrace: 0xfffffe8fff25b4f0, tid: 104
		  lr: 0xfffffe0015b6ec94  fp: 0xfffffe8fff25b560
		  lr: 0xfffffe0015cb4f5c  fp: 0xfffffe8fff25b5d0
      Kernel Extensions in backtrace:
         com.apple.iokit.IOUSBHostFamily(1.2)[9BF2C9DA-0123-4567-89AB-CDEF01234567]@0xfffffe001880c000->0xfffffe00188a3fff
            dependency: com.apple.driver.AppleUSBHostMergeProperties(1.2)[11223344-5566-7788-99AA-BBCCDDEEFF00]@0xfffffe0018800000->0xfffffe0018803fff
         com.example.usb.SerialBridge(1.0)[A1B2C3D4-E5F6-0718-293A-4B5C6D7E8F90]@0xfffffe0019000000->0xfffffe0019007fff

last started kext at 1234567: com.example.usb.SerialBridge	1.0 (addr 0xfffffe0019000000, size 32768)
loaded kexts:
com.example.usb.SerialBridge	1.0
com.apple.filesystems.apfs	2235.101.1
`;

/** Apple's .panic file: one JSON header line, then JSON with the log in panicString. */
const PANIC_JSON = `{"bug_type":"210","timestamp":"2024-05-01 10:00:00.00 +0200","os_version":"macOS 14.4.1 (23E224)","incident_id":"1C2D3E4F-5A6B-7C8D-9E0F-1A2B3C4D5E6F"}
{"build" : "macOS 14.4.1 (23E224)", "product" : "MacBookPro18,3", "panicString" : "panic(cpu 2 caller 0xfffffe0013a2c1f0): \\"Spinlock timeout after 0 ticks\\" @locks.c:1234\\nPanicked task 0xfffffe1b3d4a4678: 0 pages, 12 threads: pid 612: MyDriverApp\\n      Kernel Extensions in backtrace:\\n         com.example.dext.Virtual(3.1)[AB12CD34-EF56-7890-AB12-CD34EF567890]@0xfffffe0019000000->0xfffffe0019007fff\\n", "otherString" : "loaded kexts: ..."}`;

describe('panicLines', () => {
  it('keeps the panic string, trap type, process and backtrace kexts of an Intel panic, without addresses', () => {
    const lines = panicLines(INTEL_PANIC);
    expect(lines[0]).toBe('My Mac panics every time I unplug our PCIe capture card. Here is the log:');
    expect(lines).toContain('Kernel trap, type 14=page fault, registers:');
    expect(lines).toContain('process kernel_task');
    expect(lines).toContain('com.example.capture.CaptureCard');
    expect(lines).toContain('com.apple.iokit.IOPCIFamily');
    // The third-party kext comes before Apple's family.
    expect(lines.indexOf('com.example.capture.CaptureCard')).toBeLessThan(lines.indexOf('com.apple.iokit.IOPCIFamily'));
    const joined = lines.join('\n');
    expect(joined).not.toMatch(/0x[0-9a-f]{6,}/i);
    expect(joined).not.toMatch(/RAX|Kernel UUID|smbfs|Darwin Kernel Version|System model/);
  });

  it('keeps the zone_require panic string and the dext of an Apple silicon panic', () => {
    const lines = panicLines(ARM_PANIC);
    expect(lines[0]).toBe('"zone_require failed: address not in a zone" @zalloc.c:1225');
    expect(lines).toContain('com.example.usb.SerialBridge');
    expect(lines).toContain('com.apple.iokit.IOUSBHostFamily');
    expect(lines.indexOf('com.example.usb.SerialBridge')).toBeLessThan(lines.indexOf('com.apple.iokit.IOUSBHostFamily'));
    expect(lines.join('\n')).not.toMatch(/0x[0-9a-f]{6,}|iBoot|apfs|lr:/i);
  });

  it("reads Apple's .panic JSON through its panicString", () => {
    expect(isPanicLog(PANIC_JSON)).toBe(true);
    expect(panicLines(PANIC_JSON)).toEqual(['"Spinlock timeout after 0 ticks" @locks.c:1234', 'process MyDriverApp', 'com.example.dext.Virtual']);
  });

  it('leaves logs that are not panics to the general log reader', () => {
    expect(isPanicLog('Exception Type: EXC_BAD_ACCESS (SIGSEGV)\nThread 5 Crashed:')).toBe(false);
  });
});

describe('parseQuestion on a pasted panic', () => {
  it('searches the distinctive lines, and decodes no address as an IOReturn code', () => {
    const parsed = parseQuestion(INTEL_PANIC);
    expect(parsed.searchText).toContain('type 14=page fault');
    expect(parsed.searchText).toContain('com.example.capture.CaptureCard');
    expect(parsed.searchText).not.toMatch(/0x[0-9a-f]{6,}/i);
    expect(parsed.decodedCodes).toEqual([]);
    expect(parsed.tokens.map((token) => token.text)).toContain('com.example.capture.CaptureCard');
    expect(parsed.tokens.some((token) => token.kind === 'hex')).toBe(false);
  });

  it('finds the backtrace of a panic longer than the question cap', () => {
    const long = ARM_PANIC.replace('Panicked task', `${'Processor ID: 0x0000000000000004 idle\n'.repeat(300)}Panicked task`);
    expect(long.length).toBeGreaterThan(8000);
    expect(parseQuestion(long).searchText).toContain('com.example.usb.SerialBridge');
  });
});
