// The organiser's participant filters (pure): each filter alone, eligibility from the
// credit, and the desk's search inside what the filters keep.
import { describe, expect, it } from 'vitest';
import {
  ALL_PEOPLE,
  isFiltered,
  PeopleFinder,
  regionsOf,
  type PeopleFilter,
} from '#domain/people-filter';
import { fixture } from '#tests/support/fixture';

const people = fixture.people.map((p, i) => ({
  ...p,
  status: i === 5 ? ('cancelled' as const) : p.status,
  source: i === 4 ? ('walkin' as const) : p.source,
  needsReview: i === 4,
}));
const eligible = new Set([people[0]!.id, people[2]!.id]);
const find = (f: Partial<PeopleFilter>) =>
  new PeopleFinder<(typeof people)[number]>()
    .find(people, { ...ALL_PEOPLE, ...f }, (id) => eligible.has(id))
    .map((p) => p.fullName);
const names = (keep: (p: (typeof people)[number]) => boolean) =>
  people.filter(keep).map((p) => p.fullName);

describe('participant filters', () => {
  it('keeps everyone, in the list’s order, when nothing is chosen', () => {
    expect(find({})).toEqual(names(() => true));
    expect(isFiltered(ALL_PEOPLE)).toBe(false);
    expect(isFiltered({ ...ALL_PEOPLE, query: 'siti' })).toBe(false);
    expect(isFiltered({ ...ALL_PEOPLE, needsReview: true })).toBe(true);
  });

  it('filters by status, batch, kabupaten/kota, walk-in, review and eligibility', () => {
    expect(find({ status: 'cancelled' })).toEqual([people[5]!.fullName]);
    expect(find({ batchId: people[1]!.batchId })).toEqual(
      names((p) => p.batchId === people[1]!.batchId),
    );
    expect(find({ regionCode: '63.04' })).toEqual(names((p) => p.regionCode === '63.04'));
    expect(find({ source: 'walkin' })).toEqual([people[4]!.fullName]);
    expect(find({ source: 'ahead' })).toEqual(names((p) => p.source !== 'walkin'));
    expect(find({ needsReview: true })).toEqual([people[4]!.fullName]);
    expect(find({ eligibility: 'eligible' })).toEqual([people[0]!.fullName, people[2]!.fullName]);
    expect(find({ eligibility: 'notEligible' })).toHaveLength(people.length - 2);
  });

  it('searches the way the desk does, within the filters', () => {
    expect(find({ query: 'masitah' })).toEqual([people[1]!.fullName]);
    expect(find({ query: 'masitah', batchId: people[0]!.batchId })).toEqual([]);
    expect(find({ query: '19870412' })).toEqual([people[0]!.fullName]);
  });

  it('offers the kabupaten/kota the people come from, once each', () => {
    expect(regionsOf(people)).toEqual([...new Set(people.map((p) => p.regionCode))].sort());
  });
});
