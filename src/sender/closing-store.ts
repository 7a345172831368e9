// An idb-keyval store whose connection gives way. An open connection blocks every other
// connection's version change and the page's own `indexedDB.deleteDatabase()` (a shop clearing
// storage at logout) until it closes: https://w3c.github.io/IndexedDB/#dom-idbdatabase-onversionchange.
// So the connection closes on `versionchange`, and the next operation opens a new one.
import { promisifyRequest, type UseStore } from 'idb-keyval';

/** A store of `storeName` in database `databaseName`, created with the database if missing. */
export function createClosingStore(databaseName: string, storeName: string): UseStore {
  let connection: Promise<IDBDatabase> | undefined;
  const open = () => {
    const request = indexedDB.open(databaseName);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    const opened = promisifyRequest(request);
    opened.then(
      (database) => {
        database.onversionchange = () => {
          database.close();
          connection = undefined;
        };
        // WebKit may close a connection by itself: https://bugs.webkit.org/show_bug.cgi?id=197050
        database.onclose = () => {
          connection = undefined;
        };
      },
      () => {
        connection = undefined;
      },
    );
    return opened;
  };
  return (mode, callback) => {
    connection ??= open();
    return connection.then((database) => callback(database.transaction(storeName, mode).objectStore(storeName)));
  };
}
