// The browser's copy of the last official list the user loaded (IndexedDB, inside the worker):
// the exact bytes with their date and SHA-256, reused on the next visit and when offline.

const DB_NAME = 'exportscreen';
const STORE = 'lists';
const KEY = 'official';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run(mode, body) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = body(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('the cache transaction was aborted'));
    });
  } finally {
    db.close();
  }
}

/**
 * A cached list: {bytes: Uint8Array, label, as_of, sha256, records, format, source_url?,
 * saved_at: ISO timestamp}.
 */
export const ListCache = {
  /** The cached list, or null (also when IndexedDB is unavailable). */
  async get() {
    try {
      return (await run('readonly', (s) => s.get(KEY))) ?? null;
    } catch {
      return null;
    }
  },
  /** Stores `entry`, replacing the previous one. Returns false when storage failed (quota). */
  async put(entry) {
    try {
      await run('readwrite', (s) => s.put(entry, KEY));
      return true;
    } catch {
      return false;
    }
  },
  /** Removes the cached list. */
  async delete() {
    try {
      await run('readwrite', (s) => s.delete(KEY));
    } catch {
      // Nothing cached, or storage unavailable: either way nothing is left.
    }
  },
};
