// A fresh, isolated database per test on fake-indexeddb (installed in tests/setup.ts).
import { HadirDb, resetDbInstance } from '#db/database';

let n = 0;

export function freshDb(): HadirDb {
  const db = new HadirDb(`hadir-test-${process.pid}-${++n}`);
  resetDbInstance(db);
  return db;
}
