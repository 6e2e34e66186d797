import { stem } from './words.js';

/**
 * A small thesaurus of the driver-development domain: words people use for the same thing.
 * The offline embedder adds one shared feature per concept, so "iPhone" meets "iOS" and
 * "crash" meets "panic" without downloading a model. Keep groups tight: a loose group makes
 * unrelated threads look alike.
 */
const GROUPS: Record<string, string[]> = {
  ios: ['ios', 'iphone', 'ipad', 'ipados', 'ipadoses', 'iphones', 'mobile'],
  macos: ['macos', 'mac', 'macs', 'osx', 'macbook', 'imac', 'sequoia', 'sonoma', 'ventura', 'tahoe'],
  crash: ['crash', 'panic', 'panics', 'crashes', 'crashed', 'crashing', 'kernelpanic', 'hang', 'freeze', 'segfault'],
  dext: ['dext', 'dexts', 'driverkit', 'driverextension', 'systemextension', 'sysext'],
  kext: ['kext', 'kexts', 'kernelextension', 'iokit', 'kernel'],
  entitlement: ['entitlement', 'entitlements', 'provisioning', 'profile', 'taskgated', 'amfi'],
  signing: ['signing', 'signature', 'codesign', 'sign', 'signed', 'notarize', 'notarization', 'notarized', 'certificate'],
  usb: ['usb', 'iousbhost', 'iousbhostdevice', 'iousbhostinterface', 'idvendor', 'idproduct', 'vendorid'],
  serial: ['serial', 'uart', 'tty', 'cdc', 'serialdriverkit', 'comport', 'rs232', 'iouserserial'],
  pcie: ['pci', 'pcie', 'pcidriverkit', 'thunderbolt', 'iopcidevice'],
  storage: ['storage', 'disk', 'scsi', 'nvme', 'uas', 'raid', 'hba', 'block', 'massstorage', 'lun', 'cdb'],
  interrupt: ['interrupt', 'interrupts', 'irq', 'msi', 'msix', 'interruptoccurred', 'iointerruptdispatchsource'],
  userclient: ['userclient', 'iouserclient', 'ioserviceopen', 'ioconnectcallmethod', 'externalmethod', 'newuserclient'],
  power: ['sleep', 'wake', 'power', 'suspend', 'resume', 'hibernate', 'powerstate', 'setpowerstate'],
  camera: ['camera', 'cmio', 'webcam', 'video', 'capture', 'cameraextension', 'coremediaio'],
  bluetooth: ['bluetooth', 'ble', 'corebluetooth', 'peripheral', 'gatt'],
  install: ['install', 'installs', 'activate', 'activation', 'approve', 'sysextd', 'load', 'loads', 'loading'],
  network: ['network', 'ethernet', 'ncm', 'ecm', 'networking', 'nic'],
  hid: ['hid', 'keyboard', 'mouse', 'trackpad', 'touchpad', 'touch', 'digitizer', 'gamepad', 'joystick'],
  audio: ['audio', 'coreaudio', 'sound', 'microphone', 'speaker', 'audiodriverkit'],
  restrict: ['block', 'prevent', 'deny', 'restrict', 'restriction', 'disable', 'policy', 'whitelist', 'allowlist'],
  distribute: ['sell', 'distribute', 'distribution', 'ship', 'sdk', 'package', 'packaged', 'framework', 'bundle'],
  error: ['error', 'fail', 'fails', 'failed', 'failure', 'denied', 'unsatisfied', 'reject', 'rejected'],
  virtual: ['virtual', 'emulate', 'emulated', 'fake', 'software'],
  firmware: ['firmware', 'update', 'updater', 'flash', 'dfu'],
};

const conceptByStem = new Map<string, string>();
for (const [concept, words] of Object.entries(GROUPS)) {
  for (const word of words) conceptByStem.set(stem(word), concept);
}

/** The concept a (stemmed) word belongs to, if any. */
export function conceptOf(stemmedWord: string): string | undefined {
  return conceptByStem.get(stemmedWord);
}
