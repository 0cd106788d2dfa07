import { COUNCIL_TERMS, extendedCouncilTerms } from './council-terms.js';

describe('council terms', () => {
  it('are the municipal and county terms of the table, oldest first', () => {
    expect(COUNCIL_TERMS.municipal[0]).toEqual({ from: '2021-08-01', to: '2025-05-31' });
    expect(COUNCIL_TERMS.county[0]).toEqual({ from: '2022-03-01', to: '2025-05-31' });
    expect(COUNCIL_TERMS.county[1]).toEqual({ from: '2025-06-01', to: '2029-05-31' });
  });

  it('are extended by configured terms, a repeated one kept once, in order', () => {
    const next = { from: '2029-06-01', to: '2033-05-31' };
    const extended = extendedCouncilTerms(COUNCIL_TERMS, { municipal: [next, COUNCIL_TERMS.municipal[0]], county: [next] });
    expect(extended.municipal).toEqual([...COUNCIL_TERMS.municipal, next]);
    expect(extended.county).toEqual([...COUNCIL_TERMS.county, next]);
    expect(extendedCouncilTerms(COUNCIL_TERMS, {})).toEqual(COUNCIL_TERMS);
  });

  it('refuse a configuration of another shape, a term ending before it starts, and overlapping terms', () => {
    expect(() => extendedCouncilTerms(COUNCIL_TERMS, { municipal: [{ from: '2029-06-01' }] })).toThrow(/council terms must be/);
    expect(() => extendedCouncilTerms(COUNCIL_TERMS, { regional: [] })).toThrow(/council terms must be/);
    expect(() => extendedCouncilTerms(COUNCIL_TERMS, { county: [{ from: '2029-06-01', to: '2029-05-31' }] })).toThrow(/ends before it starts/);
    expect(() => extendedCouncilTerms(COUNCIL_TERMS, { county: [{ from: '2029-05-01', to: '2033-05-31' }] })).toThrow(/overlap/);
    expect(() => extendedCouncilTerms(COUNCIL_TERMS, { county: [{ from: '2025-06-01', to: '2029-06-30' }] })).toThrow(/end both/);
  });
});
