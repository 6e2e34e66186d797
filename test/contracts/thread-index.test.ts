import { LanceThreadIndex } from '../../src/store/lance-thread-index.js';
import { lanceWriterOpener } from '../../src/store/lance-thread-writer.js';
import { MemoryThreadStore } from '../../src/store/memory-thread-store.js';
import { tempDir } from '../helpers/temp-db.js';
import { describeThreadIndexContract } from './thread-index.contract.js';

describeThreadIndexContract('LanceDB', async () => {
  const dir = tempDir();
  return {
    openIndex: lanceWriterOpener({ uri: dir.path }),
    // Refresh on every search, so a test sees a commit the moment it is made.
    openReader: (embedder) => LanceThreadIndex.openForSearch({ uri: dir.path, embedder, refreshSeconds: 0 }),
    closeReader: (reader) => (reader as LanceThreadIndex).close(),
    cleanup: dir.remove,
  };
});

describeThreadIndexContract('in memory', async () => {
  const store = new MemoryThreadStore();
  return {
    openIndex: store.openWritable,
    openReader: async (embedder) => store.openReader(embedder),
    closeReader: () => undefined,
    cleanup: () => undefined,
  };
});
