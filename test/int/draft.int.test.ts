import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractiveDrafter } from '../../src/engine/draft/extractive-drafter.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { runEval } from '../../src/eval/run-eval.js';
import { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { tempDir } from '../helpers/temp-db.js';
import { embedder, embeddings, ingestInto } from '../helpers/test-index.js';

/** Small threads written here, each pinning one behaviour of issue 9's drafts through real ingest and LanceDB. */
const threads = [
  {
    id: '500',
    title: 'Dext fails to match my USB barcode scanner',
    question: 'My barcode scanner dext never matches the scanner. The personality lists the right product id.',
    answers: [
      {
        text: 'Let’s focus this discussion on your other thread: https://example.org/forums/thread/400\n\n__\nKevin Elliott\nDTS Engineer, CoreOS/Hardware',
        author: 'DTS Engineer',
      },
    ],
    url: 'https://example.org/forums/thread/500',
  },
  {
    id: '400',
    title: 'Scanner dext is never loaded',
    question: 'The scanner dext is installed and activated but never loaded for the scanner.',
    answers: [{ text: 'Add the idVendor of the scanner to the dext entitlement and to its IOKitPersonalities, then reinstall.', author: 'DTS Engineer' }],
    url: 'https://example.org/forums/thread/400',
  },
  {
    id: '300',
    title: 'OSMetaClass header not found',
    question: 'The build fails at #include &lt;DriverKit/OSMetaClass.h&gt; in my header.',
    answers: [{ text: 'Write #include &lt;DriverKit/OSMetaClass.h&gt; only in the .iig file &amp; let iig generate the rest.' }],
    url: 'https://example.org/forums/thread/300',
  },
  {
    id: '200',
    title: 'Vendor id missing from the thermal printer profile',
    question: 'The provisioning profile for my thermal printer dext has no idVendor although I registered one in the portal. What is wrong?',
    answers: [{ text: 'The portal shows the development variant; request the distribution entitlement with the idVendor for the printer.', author: 'DTS Engineer' }],
    url: 'https://example.org/forums/thread/200',
  },
  {
    id: '100',
    title: 'Fan controller interrupt never fires',
    question: [
      'The MSI interrupt of my fan controller never fires in the dext.',
      '',
      'The MSI interrupt of my fan controller never fires in the dext.',
      '',
      'Call SetHandler on the IOInterruptDispatchSource and then SetEnableWithCompletion, or it stays disabled.',
      '',
      '__',
      'Kevin Elliott',
      'DTS Engineer, CoreOS/Hardware',
      '',
      'Thanks, that fixed it.',
    ].join('\n'),
    url: 'https://example.org/forums/thread/100',
  },
  {
    id: '601',
    title: 'Label printer dext crashes on unplug',
    question: 'My label printer dext crashes when the printer is unplugged during a print job.',
    answers: [{ text: 'Please see my answer and post any follow up questions here.', author: 'DTS Engineer' }],
    url: 'https://example.org/forums/thread/601',
  },
  {
    id: '600',
    title: 'Label printer dext crashes on unplug',
    question: 'My label printer dext crashes when the printer is unplugged during a print job, in Stop.',
    answers: [{ text: 'Cancel the outstanding IO in Stop before you release the pipes; the crash is a completion arriving after release.', author: 'DTS Engineer' }],
    url: 'https://example.org/forums/thread/600',
  },
];

/** The listing copy of thread 200: a forum listing page with the same post. */
const listing = [
  'Post',
  'Replies',
  'Boosts',
  'Views',
  'Activity',
  'Vendor id missing from the thermal printer profile',
  'The provisioning profile for my thermal printer dext has no idVendor although I registered one in the portal. What is wrong?',
  '1',
  '0',
  '12',
  '2d',
].join('\n');
const LISTING_ID = 'vendor-id-missing-from-the-thermal-printer-profile';

describe('drafts from real ingest and LanceDB', () => {
  const dir = tempDir();
  const threadsFile = join(dir.path, 'threads.jsonl');
  const listingFile = join(dir.path, 'listing.txt');
  let index: LanceThreadIndex;
  let engine: Engine;

  beforeAll(async () => {
    writeFileSync(threadsFile, threads.map((thread) => JSON.stringify(thread)).join('\n'));
    writeFileSync(listingFile, listing);
    await ingestInto(join(dir.path, 'db'), [listingFile, threadsFile]);
    index = await LanceThreadIndex.openForSearch({ uri: join(dir.path, 'db'), embedder });
    // No gate here: these tests are about what the draft quotes, not whether to answer.
    engine = createEngine({ index, embeddings, drafter: new ExtractiveDrafter(), minConfidence: 0 });
  });
  afterAll(() => {
    index.close();
    dir.remove();
  });

  it('answers from the thread a reply redirects to, citing it once', async () => {
    const answer = await engine.ask({ question: 'my barcode scanner dext never matches the scanner' });
    expect(answer.answer).toContain('Add the idVendor of the scanner to the dext entitlement');
    expect(answer.answer).not.toContain('focus this discussion');
    expect(answer.citations.map((citation) => citation.id)).toContain('400');
    expect(answer.citations.map((citation) => citation.id)).not.toContain('500');
  });

  it('answers a redirect whose link was lost from the asker’s cross-post under the same title', async () => {
    const answer = await engine.ask({ question: 'label printer dext crashes when unplugged during a print job' });
    expect(answer.answer).toContain('Cancel the outstanding IO in Stop');
    expect(answer.answer).not.toContain('Please see my answer');
    expect(answer.citations.map((citation) => citation.id)).toContain('600');
    expect(answer.citations.map((citation) => citation.id)).not.toContain('601');
  });

  it('shows decoded text, never an HTML entity', async () => {
    const answer = await engine.ask({ question: 'build fails including DriverKit/OSMetaClass.h header' });
    expect(answer.answer).toContain('#include <DriverKit/OSMetaClass.h> only in the .iig file & let iig generate the rest.');
    expect(answer.answer).not.toMatch(/&(?:lt|gt|amp|quot|#\d+);/);
  });

  it('cites a listing copy and its thread once, and both ids resolve to the thread', async () => {
    const answer = await engine.ask({ question: 'thermal printer provisioning profile has no idVendor' });
    expect(answer.citations.filter((citation) => citation.title === 'Vendor id missing from the thermal printer profile')).toEqual([
      { id: '200', title: 'Vendor id missing from the thermal printer profile', url: 'https://example.org/forums/thread/200' },
    ]);
    expect(answer.answer).toContain('request the distribution entitlement');
    for (const id of ['200', LISTING_ID]) expect(new Set((await index.findThreads({ ids: [id] })).map((chunk) => chunk.thread_id))).toEqual(new Set(['200']));
    const report = await runEval(engine, [{ question: 'thermal printer profile without idVendor', relevant: [LISTING_ID], relevantTitles: [], line: 1 }]);
    expect(report.recallAt1).toBe(1);
  });

  it('quotes a DTS reply that the record merged into the question, as a reply', async () => {
    const answer = await engine.ask({ question: 'MSI interrupt of my fan controller never fires' });
    expect(answer.answer).toMatch(/^Apple DTS in “Fan controller interrupt never fires” \[1\]: “Call SetHandler on the IOInterruptDispatchSource/);
    expect(answer.answer).not.toContain('not a confirmed fix');
    expect(answer.answer).not.toContain('Kevin Elliott');
  });
});

describe('one source per thread across ingest runs', () => {
  const dir = tempDir();
  afterAll(dir.remove);

  async function threadsIn(db: string) {
    const stored = await LanceThreadIndex.openForSearch({ uri: db, embedder });
    try {
      const chunks = await stored.findThreads({ titles: ['Vendor id missing from the thermal printer profile'] });
      return [...new Map(chunks.map((chunk) => [chunk.thread_key, `${chunk.thread_id} aliases=${chunk.aliases}`])).values()];
    } finally {
      stored.close();
    }
  }

  it.each([
    ['the listing first, the thread later', ['listing.txt', 'threads.jsonl']],
    ['the thread first, the listing later', ['threads.jsonl', 'listing.txt']],
  ])('merges %s, and re-ingesting both changes nothing', async (_name, order) => {
    const db = join(dir.path, order.join('-'));
    writeFileSync(join(dir.path, 'threads.jsonl'), JSON.stringify(threads[3]));
    writeFileSync(join(dir.path, 'listing.txt'), listing);
    for (const file of order) await ingestInto(db, [join(dir.path, file)]);
    expect(await threadsIn(db)).toEqual([`200 aliases=${LISTING_ID}`]);
    await ingestInto(db, [join(dir.path, 'threads.jsonl'), join(dir.path, 'listing.txt')]);
    const again = await ingestInto(db, [join(dir.path, 'threads.jsonl'), join(dir.path, 'listing.txt')]);
    expect(again).toMatchObject({ threadsWritten: 0, threadsUnchanged: 1 });
    expect(await threadsIn(db)).toEqual([`200 aliases=${LISTING_ID}`]);
  });
});
