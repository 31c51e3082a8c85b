import { describe, expect, it } from 'vitest';
import { paperTitles } from '../../client/src/lib/paperTitles.ts';

/** The titles the projector and the console's results show for a round (client/src/lib/paperTitles.ts). */
describe('paperTitles', () => {
  const today = [
    { id: 'p1', title: 'Library (new wing)' },
    { id: 'p2', title: 'Playground' },
    { id: 'p3', title: 'Added after close' },
  ];
  it('a title edited after the round opened: the round shows its paper’s', () => {
    const titles = paperTitles(today, [{ id: 'p1', title: 'Library' }, { id: 'p2', title: 'Playground' }]);
    expect(titles).toEqual({ p1: 'Library', p2: 'Playground', p3: 'Added after close' });
  });
  it('a proposal deleted since keeps its paper title; a draft (no paper) shows today’s', () => {
    expect(paperTitles(today.slice(1), [{ id: 'p1', title: 'Library' }]).p1).toBe('Library');
    expect(paperTitles(today, null).p1).toBe('Library (new wing)');
  });
});
