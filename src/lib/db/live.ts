// Dexie's liveQuery, exposed without leaking Dexie beyond db/ (architecture rule 3).
import { liveQuery } from 'dexie';

export interface Subscription {
  unsubscribe(): void;
}

export interface Observable<T> {
  subscribe(observer: { next: (value: T) => void; error?: (e: unknown) => void }): Subscription;
}

/** Re-run `query` whenever the tables it read change, in this tab or another. */
export function observe<T>(query: () => Promise<T>): Observable<T> {
  return liveQuery(query);
}
