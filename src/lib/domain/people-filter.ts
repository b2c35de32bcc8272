// The organiser's participant list at a real size (100, or 10,000): filters by status,
// batch, kabupaten/kota, walk-in, certificate eligibility and "needs review", then the
// desk's own search (desk-search.ts) within what is left, so a name, a NIP part, a phone
// ending or a registration number finds a person the same way at the desk and here.
import { DeskIndex, type DeskPerson } from '#domain/desk-search';
import type { ParticipantSource, ParticipantStatus } from '#domain/model';

export interface FilterablePerson extends DeskPerson {
  batchId: string;
  status: ParticipantStatus;
  source: ParticipantSource;
  needsReview?: boolean | undefined;
}

export interface PeopleFilter {
  query: string;
  status: ParticipantStatus | 'all';
  batchId: string;
  regionCode: string;
  /** walkin: came to the desk unregistered; ahead: registered before (self or imported). */
  source: 'all' | 'walkin' | 'ahead';
  eligibility: 'all' | 'eligible' | 'notEligible';
  needsReview: boolean;
}

export const ALL_PEOPLE: PeopleFilter = {
  query: '',
  status: 'all',
  batchId: 'all',
  regionCode: 'all',
  source: 'all',
  eligibility: 'all',
  needsReview: false,
};

/** Whether any filter (not the search) narrows the list. */
export const isFiltered = (f: PeopleFilter): boolean =>
  (Object.keys(ALL_PEOPLE) as (keyof PeopleFilter)[]).some(
    (k) => k !== 'query' && f[k] !== ALL_PEOPLE[k],
  );

/** Search results beyond this many are not listed: a longer query narrows them. */
export const SEARCH_LIMIT = 500;

function keeps(
  p: FilterablePerson,
  f: PeopleFilter,
  eligible: (id: string) => boolean | undefined,
): boolean {
  if (f.status !== 'all' && p.status !== f.status) return false;
  if (f.batchId !== 'all' && p.batchId !== f.batchId) return false;
  if (f.regionCode !== 'all' && p.regionCode !== f.regionCode) return false;
  if (f.source === 'walkin' && p.source !== 'walkin') return false;
  if (f.source === 'ahead' && p.source === 'walkin') return false;
  if (f.needsReview && !p.needsReview) return false;
  if (f.eligibility !== 'all') {
    const e = eligible(p.id);
    // No credit computed (a cancelled person has no sessions): not eligible.
    if ((f.eligibility === 'eligible') !== (e === true)) return false;
  }
  return true;
}

/**
 * The people list of the organiser's console. Filtering keeps the list's own order; a
 * search orders by the desk's relevance. The index of the last call is reused, so a
 * keystroke or a pulled page re-prepares only the people that changed.
 */
export class PeopleFinder<P extends FilterablePerson> {
  #index: DeskIndex<P> | undefined;

  find(
    people: readonly P[],
    filter: PeopleFilter,
    eligible: (id: string) => boolean | undefined,
  ): P[] {
    const kept = people.filter((p) => keeps(p, filter, eligible));
    if (!filter.query.trim()) return kept;
    this.#index = new DeskIndex(kept, this.#index);
    return this.#index.search(filter.query, SEARCH_LIMIT);
  }
}

/** The kabupaten/kota codes present among the people, for the region filter's choices. */
export function regionsOf(people: readonly { regionCode: string }[]): string[] {
  return [...new Set(people.map((p) => p.regionCode))].sort();
}
