import type { TermStats } from '../../text/term-stats.js';
import { splitWords, stem } from '../../text/words.js';

/**
 * Platforms other than Apple's, each with the names a question uses for it and the technical
 * words only work on that platform uses. Names appear in passing in any driver forum ("works
 * on Linux, not on the Mac"), so whether the index covers a platform is read from its
 * technical words: an index of Linux threads is full of udev and sysfs, an Apple one is not.
 */
const FOREIGN_PLATFORMS: Record<string, { names: string; markers: string }> = {
  Linux: {
    names: 'linux ubuntu debian fedora centos rhel raspbian raspberry yocto buildroot',
    markers: 'udev udevadm sysfs procfs modprobe insmod rmmod lsmod dkms kmalloc kzalloc printk configfs debugfs v4l2 videobuf2 regmap devicetree menuconfig kconfig systemd ubuntu debian fedora',
  },
  Windows: {
    names: 'windows win10 win11 win32',
    markers: 'kmdf umdf wdf wdm wdk winusb wpp sysvad ndis pnputil devcon driverstore ntoskrnl irql setupapi win32',
  },
  Android: { names: 'android aosp', markers: 'aosp gki hidl aidl logcat sepolicy vndk' },
  BSD: { names: 'freebsd openbsd netbsd', markers: 'freebsd openbsd netbsd' },
  'an embedded RTOS': { names: 'zephyr freertos rtos esp32 espidf stm32 nuttx threadx vxworks qnx', markers: 'zephyr freertos rtos esp32 espidf nuttx threadx vxworks qnx' },
};

/** Words that put a question on an Apple platform even when it names another one. */
const APPLE_WORDS = new Set(
  `mac macs macos osx macbook imac ios iphone ipad ipados watchos tvos visionos apple xcode driverkit iokit dext dexts kext kexts
  sysext darwin xnu`.split(/\s+/),
);

/** Share of the index's threads that must hold a platform's technical words for it to count as covered. */
export const COVERED_PLATFORM_SHARE = 0.02;

const platforms = Object.entries(FOREIGN_PLATFORMS).map(([platform, words]) => ({
  platform,
  names: new Set(words.names.split(' ')),
  markers: [...new Set(words.markers.split(' ').map(stem))],
}));

/**
 * The platform a question is about when it is not one the index covers: the question names
 * a non-Apple platform (or uses its technical words), names no Apple platform, and fewer
 * than 2% of the index's threads use that platform's technical words. Undefined otherwise.
 */
export function uncoveredPlatform(question: string, stats: TermStats): string | undefined {
  const words = splitWords(question);
  if (words.some((word) => APPLE_WORDS.has(word))) return undefined;
  const stems = new Set(words.map(stem));
  for (const { platform, names, markers } of platforms) {
    if (!words.some((word) => names.has(word)) && !markers.some((marker) => stems.has(marker))) continue;
    if (platformShare(markers, stats) < COVERED_PLATFORM_SHARE) return platform;
  }
  return undefined;
}

/** Share of threads holding any of the words (an upper bound: a thread may hold several). */
function platformShare(markers: string[], stats: TermStats): number {
  if (stats.documents === 0) return 0;
  const holders = markers.reduce((sum, marker) => sum + (stats.frequencies.get(marker) ?? 0), 0);
  return Math.min(1, holders / stats.documents);
}
