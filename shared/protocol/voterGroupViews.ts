import type { CoSupport, Overlap } from '../domain/coSupport.ts';

/**
 * Views of how voters voted together, computed from a round's ballots and
 * sent to the console and the report: opinion groups (docs/opinion-groups.md)
 * and co-support (d21-method.md §5.8). Neither holds per-voter data.
 * Re-exported by views.ts.
 */

/** A proposal that sets one opinion group apart (Pol.is representativeness; see shared/domain/opinionGroupsRepness.ts). */
export interface GroupRepresentativeView {
  optionId: string;
  /** The group backs it (plus) or rejects it (minus) more than the rest. */
  stance: 'plus' | 'minus';
  /** Share of the group's ballots with that vote, of the rest's, and of the rest voting the other way. */
  share: number;
  restShare: number;
  restOpposite: number;
  /** Two-proportion z of group vs rest. */
  z: number;
  /** Passes Pol.is's tests at 90 %; false = only the group's best candidate ("leans to"). */
  significant: boolean;
}

/**
 * Opinion groups of a round (voters grouped by how they voted, the Pol.is
 * pipeline of docs/opinion-groups.md) and what each group thinks of each
 * proposal. Holds no per-voter data: the map is anonymous binned dots.
 */
export interface OpinionGroupsView {
  roundId: string;
  /** Voters placed in a group. */
  voters: number;
  /** Ballots with at least one vote the groups rest on ("based on N ballots"). */
  ballots: number;
  /** Ballots left out for carrying fewer than `minVotes` votes. */
  leftOut: number;
  minVotes: number;
  /** Empty when too few voters for groups of at least `minGroup`. Index = group (A, B…), largest first. */
  groups: { index: number; size: number }[];
  minGroup: number;
  /** How well separated the groups are (−1..1). */
  silhouette: number | null;
  /** Share of the differences between ballots the map's two axes show. */
  explained: [number, number] | null;
  /**
   * By group-informed consensus, highest first. `split`: spread of the groups' net stance (0..2).
   * `bridging`: every group backs it clearly (Pol.is's consensus test within each group,
   * shared/domain/opinionGroupsBridging.ts); a high consensus alone does not make it so.
   */
  options: { id: string; agreement: number; rejection: number; split: number; bridging: boolean; groups: { n: number; plus: number; minus: number }[] }[];
  /** Per group (index = group), the proposals that set it apart, best first. */
  representatives: GroupRepresentativeView[][];
  /** The map of the room: anonymous dots (binned, counted) and group centres, −1..1. */
  map: { dots: { x: number; y: number; group: number; count: number }[]; centres: { x: number; y: number }[] };
  /** When it was computed (server ms); while a round is open it is refreshed every few seconds at most. */
  computedAt: number;
}

/** Co-support of a round (d21-method.md §5.8): rows backed by fewer than `minVoters` are all null. */
export interface CoSupportView extends CoSupport {
  roundId: string;
  /** Ballots the shares rest on. */
  voters: number;
  /** The largest plus overlaps, for the words under the heatmap. */
  overlaps: Overlap[];
}
