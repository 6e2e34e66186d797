import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readForumListing } from '../../../ingest/readers/forum-listing.js';
import type { ThreadRecord } from '../../../ingest/thread-record.js';
import { bundledListing } from '../../helpers/paths.js';

const seed = readFileSync(bundledListing, 'utf8');

function parse(text: string): ThreadRecord[] {
  return [...readForumListing(text, 'listing.txt', 'listing.txt')].flatMap((result) => (result.success ? [result.value] : []));
}

/** title, replies, boosts, views, activity of all 20 seed posts, as the page shows them. */
const EXPECTED: Array<[string, number, number, number, string]> = [
  ['DriverKit. Data Integrity issue.', 3, 0, 62, '23h'],
  ['Custom USB Network Device Driver on iPhone', 4, 0, 103, '1d'],
  ['Should UserSendCBD work on UAS interfaces?', 4, 0, 109, '1d'],
  ['Xcode Signing Fails: Provisioning Profile "doesn\'t match" com.apple.developer.driverkit.userclient-access entitlement', 0, 0, 16, '2d'],
  ['USB Control Transfers on Devices with CDC Serial Port', 0, 0, 29, '2d'],
  ["iPAD: achieve UserClient's privileges in background to have robust IOServiceAddMatchingNotification(...) as if ~[Background modes][Enable external communications].", 0, 0, 61, '5d'],
  ['limitations of UserSendCDB in SCSIPeripheralsDriverKit?', 3, 0, 78, '1w'],
  ['SMS messages filtered on new iOS26', 1, 0, 45, '1w'],
  ['Blocking USB Devices on macOS – DriverKit or Other Recommended Approach', 6, 0, 94, '1w'],
  ['External PCIe based storage device is not getting relinked with SCSI passthrough command', 0, 0, 16, '1w'],
  ['IOS alternatives to DriverKit', 1, 0, 83, '2w'],
  ['CarPlay Simulator: How to Change Dock Position for Right-Hand Drive (RHD)', 0, 0, 33, '2w'],
  ['DEXT crashes when app starting', 0, 0, 137, '2w'],
  ['BLE SMP pairing failed due to unspecified reason', 1, 0, 70, 'Sep ’25'],
  ['Trouble with OSDeclareDefaultStructors.', 4, 0, 152, 'Aug ’25'],
  ['driverkit.transport.usb', 1, 0, 77, 'Aug ’25'],
  ['Unable to localize driver name or description', 4, 7, 147, 'Aug ’25'],
  ['driverkit.transport.usb', 1, 0, 78, 'Aug ’25'],
  ['CarPlay UI Issues in iOS 26: CPListItem accessoryImage Misplaced and Display Problems', 3, 0, 136, 'Aug ’25'],
  ['Using alternate DriverKit SDKs in Xcode', 1, 0, 73, 'Aug ’25'],
];

describe('readForumListing on the bundled seed', () => {
  const records = parse(seed);

  it('finds the 20 posts and none of the header lines', () => {
    expect(records).toHaveLength(20);
    for (const header of ['Post', 'Replies', 'Boosts', 'Views', 'Activity', 'Drivers Documentation', 'Posts under Drivers subtopic']) {
      expect(records.map((record) => record.title)).not.toContain(header);
    }
  });

  it('gives every post its title, replies, boosts, views and activity exactly', () => {
    expect(records.map((record) => [record.title, record.replies, record.boosts, record.views, record.activity])).toEqual(EXPECTED);
  });

  it('gives every post the body line that follows its title, verbatim', () => {
    const lines = seed.split('\n').map((line) => line.trim());
    for (const record of records) {
      const titleLine = lines.indexOf(record.title, lines.indexOf('Activity'));
      expect(titleLine).toBeGreaterThan(0);
    }
    expect(records[0]?.question.startsWith('Dear Apple engineers and DriverKit developers, We have developed a DriverKit (DEXT) driver')).toBe(true);
    expect(records[19]?.question.endsWith('Replacing kexts with dexts seems like a development nightmare.')).toBe(true);
    for (const record of records) expect(seed).toContain(`${record.title}\n${record.question}\n`);
  });

  it('keeps the two posts titled "driverkit.transport.usb" as distinct records with stable ids', () => {
    const twins = records.filter((record) => record.title === 'driverkit.transport.usb');
    expect(twins.map((record) => record.id)).toEqual(['driverkit-transport-usb', 'driverkit-transport-usb-2']);
    expect(twins.map((record) => record.views)).toEqual([77, 78]);
    expect(parse(seed).map((record) => record.id)).toEqual(records.map((record) => record.id));
  });
});

describe('readForumListing on pages cut off when saved', () => {
  const header = 'Posts under Drivers subtopic\n\nPost\n\nReplies\n\nBoosts\n\nViews\n\nActivity\n\n';

  it('keeps a post whose file ends after its body, without counters', () => {
    const records = parse(`${header}First post\nFirst body\n2\n0\n10\n1d\nCut post\nIts body is all we have`);
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ title: 'Cut post', question: 'Its body is all we have', replies: undefined, views: undefined, activity: undefined });
  });

  it('keeps a post whose file ends after its title', () => {
    const records = parse(`${header}First post\nFirst body\n2\n0\n10\n1d\nOnly a title`);
    expect(records[1]).toMatchObject({ title: 'Only a title', question: 'Only a title', replies: undefined });
  });

  it('keeps the counters that were saved when the rest is cut', () => {
    const records = parse(`${header}A post\nA body\n5\n1`);
    expect(records[0]).toMatchObject({ replies: 5, boosts: 1, views: undefined, activity: undefined });
  });

  it('reports a file without the column header as not a listing', () => {
    const results = [...readForumListing('just some text\nand more', 'notes.txt', 'notes.txt')];
    expect(results).toEqual([expect.objectContaining({ success: false, file: 'notes.txt', line: 1 })]);
  });
});
