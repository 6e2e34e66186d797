/**
 * IOKit return codes (`IOReturn`, a `kern_return_t`): 6 bits of system, 12 of subsystem and
 * 14 of code, as laid out by `err_system`, `err_sub` and `iokit_common_err` in the public
 * `IOKit/IOReturn.h` and `mach/error.h`. Names and meanings below are that header's table.
 */
export interface DecodedReturnCode {
  /** As the user wrote it, normalised to 0x%08x. */
  hex: string;
  system: number;
  systemName: string | undefined;
  subsystem: number;
  subsystemName: string | undefined;
  code: number;
  /** `kIOReturn…` constant, only when the header defines this exact value. */
  name: string | undefined;
  meaning: string | undefined;
}

const SYSTEMS: Record<number, string> = {
  0x00: 'kernel (err_kern)',
  0x01: 'user space library (err_us)',
  0x02: 'user space servers (err_server)',
  0x03: 'old IPC (err_ipc)',
  0x04: 'Mach IPC (err_mach_ipc)',
  0x38: 'IOKit (sys_iokit)',
  0x3e: 'local (err_local)',
};

const IOKIT_SUBSYSTEMS: Record<number, string> = {
  0: 'common (sub_iokit_common)',
  1: 'USB (sub_iokit_usb)',
  2: 'FireWire (sub_iokit_firewire)',
  4: 'block storage (sub_iokit_block_storage)',
  5: 'graphics (sub_iokit_graphics)',
  6: 'networking (sub_iokit_networking)',
  8: 'Bluetooth (sub_iokit_bluetooth)',
  9: 'PMU (sub_iokit_pmu)',
  10: 'ACPI (sub_iokit_acpi)',
  11: 'SMBus (sub_iokit_smbus)',
  12: 'AHCI (sub_iokit_ahci)',
  13: 'power management (sub_iokit_powermanagement)',
  14: 'HID system (sub_iokit_hidsystem)',
  16: 'SCSI (sub_iokit_scsi)',
  17: 'USB audio (sub_iokit_usbaudio)',
  29: 'Thunderbolt (sub_iokit_thunderbolt)',
  0xffe: 'vendor specific (sub_iokit_vendor_specific)',
  0xfff: 'reserved (sub_iokit_reserved)',
};

/** `iokit_common_err(code)` values: [code, name, meaning as the header comments it]. */
const COMMON: ReadonlyArray<readonly [number, string, string]> = [
  [0x001, 'kIOReturnInvalid', 'should never be seen'],
  [0x2bc, 'kIOReturnError', 'general error'],
  [0x2bd, 'kIOReturnNoMemory', "can't allocate memory"],
  [0x2be, 'kIOReturnNoResources', 'resource shortage'],
  [0x2bf, 'kIOReturnIPCError', 'error during IPC'],
  [0x2c0, 'kIOReturnNoDevice', 'no such device'],
  [0x2c1, 'kIOReturnNotPrivileged', 'privilege violation'],
  [0x2c2, 'kIOReturnBadArgument', 'invalid argument'],
  [0x2c3, 'kIOReturnLockedRead', 'device read locked'],
  [0x2c4, 'kIOReturnLockedWrite', 'device write locked'],
  [0x2c5, 'kIOReturnExclusiveAccess', 'exclusive access and device already open'],
  [0x2c6, 'kIOReturnBadMessageID', 'sent/received messages had different msg_id'],
  [0x2c7, 'kIOReturnUnsupported', 'unsupported function'],
  [0x2c8, 'kIOReturnVMError', 'misc. VM failure'],
  [0x2c9, 'kIOReturnInternalError', 'internal error'],
  [0x2ca, 'kIOReturnIOError', 'general I/O error'],
  [0x2cc, 'kIOReturnCannotLock', "can't acquire lock"],
  [0x2cd, 'kIOReturnNotOpen', 'device not open'],
  [0x2ce, 'kIOReturnNotReadable', 'read not supported'],
  [0x2cf, 'kIOReturnNotWritable', 'write not supported'],
  [0x2d0, 'kIOReturnNotAligned', 'alignment error'],
  [0x2d1, 'kIOReturnBadMedia', 'media error'],
  [0x2d2, 'kIOReturnStillOpen', 'device(s) still open'],
  [0x2d3, 'kIOReturnRLDError', 'rld failure'],
  [0x2d4, 'kIOReturnDMAError', 'DMA failure'],
  [0x2d5, 'kIOReturnBusy', 'device busy'],
  [0x2d6, 'kIOReturnTimeout', 'I/O timeout'],
  [0x2d7, 'kIOReturnOffline', 'device offline'],
  [0x2d8, 'kIOReturnNotReady', 'not ready'],
  [0x2d9, 'kIOReturnNotAttached', 'device not attached'],
  [0x2da, 'kIOReturnNoChannels', 'no DMA channels left'],
  [0x2db, 'kIOReturnNoSpace', 'no space for data'],
  [0x2dd, 'kIOReturnPortExists', 'port already exists'],
  [0x2de, 'kIOReturnCannotWire', "can't wire down physical memory"],
  [0x2df, 'kIOReturnNoInterrupt', 'no interrupt attached'],
  [0x2e0, 'kIOReturnNoFrames', 'no DMA frames enqueued'],
  [0x2e1, 'kIOReturnMessageTooLarge', 'oversized msg received on interrupt port'],
  [0x2e2, 'kIOReturnNotPermitted', 'not permitted'],
  [0x2e3, 'kIOReturnNoPower', 'no power to device'],
  [0x2e4, 'kIOReturnNoMedia', 'media not present'],
  [0x2e5, 'kIOReturnUnformattedMedia', 'media not formatted'],
  [0x2e6, 'kIOReturnUnsupportedMode', 'no such mode'],
  [0x2e7, 'kIOReturnUnderrun', 'data underrun'],
  [0x2e8, 'kIOReturnOverrun', 'data overrun'],
  [0x2e9, 'kIOReturnDeviceError', 'the device is not working properly'],
  [0x2ea, 'kIOReturnNoCompletion', 'a completion routine is required'],
  [0x2eb, 'kIOReturnAborted', 'operation aborted'],
  [0x2ec, 'kIOReturnNoBandwidth', 'bus bandwidth would be exceeded'],
  [0x2ed, 'kIOReturnNotResponding', 'device not responding'],
  [0x2ee, 'kIOReturnIsoTooOld', 'isochronous I/O request for distant past'],
  [0x2ef, 'kIOReturnIsoTooNew', 'isochronous I/O request for distant future'],
  [0x2f0, 'kIOReturnNotFound', 'data was not found'],
];

const SYS_IOKIT = 0x38;
const commonByCode = new Map(COMMON.map(([code, name, meaning]) => [code, { name, meaning }]));

/** Every named code, for tests and for documentation. */
export const IOKIT_COMMON_RETURN_CODES = COMMON.map(([code, name, meaning]) => ({
  hex: toHex((SYS_IOKIT << 26) | code),
  name,
  meaning,
}));

function toHex(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * Splits a 32-bit return code into its parts and names it when the table knows it. Accepts
 * `0xe00002bc`, `E00002BC` with 0x, or the signed decimal C prints (`-536870212`).
 * Returns undefined for values that are not plausible error codes (0, or too large).
 */
export function decodeReturnCode(raw: string): DecodedReturnCode | undefined {
  const text = raw.trim().toLowerCase();
  let value: number;
  if (/^0x[0-9a-f]{1,8}$/.test(text)) value = Number.parseInt(text.slice(2), 16);
  else if (/^-?\d{1,10}$/.test(text)) value = Number(text);
  else return undefined;
  if (!Number.isSafeInteger(value) || value === 0 || value < -0x80000000 || value > 0xffffffff) return undefined;
  const unsigned = value >>> 0;
  const system = (unsigned >>> 26) & 0x3f;
  const subsystem = (unsigned >>> 14) & 0xfff;
  const code = unsigned & 0x3fff;
  // Only IOKit and Mach systems are meaningful here; anything else is likely an address or an id.
  if (SYSTEMS[system] === undefined) return undefined;
  const isIokit = system === SYS_IOKIT;
  const common = isIokit && subsystem === 0 ? commonByCode.get(code) : undefined;
  return {
    hex: toHex(unsigned),
    system,
    systemName: SYSTEMS[system],
    subsystem,
    subsystemName: isIokit ? IOKIT_SUBSYSTEMS[subsystem] : undefined,
    code,
    name: common?.name,
    meaning: common?.meaning,
  };
}

/** One sentence a person can read: what the code is, or what its parts are when it has no name. */
export function describeReturnCode(decoded: DecodedReturnCode): string {
  const parts = `system 0x${decoded.system.toString(16)} (${decoded.systemName ?? 'unknown'}), subsystem 0x${decoded.subsystem.toString(16)}${decoded.subsystemName ? ` (${decoded.subsystemName})` : ''}, code 0x${decoded.code.toString(16)}`;
  if (decoded.name) return `${decoded.hex} is ${decoded.name}: "${decoded.meaning}" (${parts}).`;
  return `${decoded.hex} is not in IOReturn.h's common table; it decodes as ${parts}.`;
}
