/**
 * The planner's constraints on a set of new sites: spacing between sites, at most / at least n per
 * group (街镇). `SiteSet` keeps the chosen sites with their group counts so that greedy and swap ask
 * "may this site join?" in time proportional to the sites chosen, not the candidates.
 */
import type { SitingConstraints, SitingInstance } from './instance';

type Geometry = Pick<SitingInstance, 'candidateGroup' | 'groupCount' | 'x' | 'y'>;

export class SiteSet {
	readonly sites: number[] = [];
	private readonly groupCounts: Int32Array;
	private readonly spacingSquared: number;

	constructor(
		private readonly instance: Geometry,
		private readonly constraints: SitingConstraints
	) {
		this.groupCounts = new Int32Array(instance.groupCount);
		this.spacingSquared = constraints.minSpacingM * constraints.minSpacingM;
	}

	has(candidate: number): boolean {
		return this.sites.includes(candidate);
	}

	/** True when the candidate may join (group limit and spacing), ignoring the site at `except` (a swap's leaving site). */
	allows(candidate: number, except = -1): boolean {
		const group = this.instance.candidateGroup[candidate];
		if (group >= 0) {
			const leaving = except >= 0 && this.instance.candidateGroup[except] === group ? 1 : 0;
			if (this.groupCounts[group] - leaving + 1 > this.maxOf(group)) return false;
		}
		if (this.spacingSquared > 0) {
			const { x, y } = this.instance;
			for (const site of this.sites) {
				if (site === except || site === candidate) continue;
				const dx = x[site] - x[candidate];
				const dy = y[site] - y[candidate];
				if (dx * dx + dy * dy < this.spacingSquared) return false;
			}
		}
		return !this.has(candidate) || candidate === except;
	}

	/** True when a swap (leaving out → entering in) keeps every group at or above its minimum. */
	keepsMinimum(leaving: number, entering: number): boolean {
		const group = this.instance.candidateGroup[leaving];
		if (group < 0 || group === this.instance.candidateGroup[entering]) return true;
		return this.groupCounts[group] - 1 >= this.minOf(group);
	}

	/** Sites still owed to groups below their minimum. */
	deficit(): number {
		let owed = 0;
		for (let group = 0; group < this.instance.groupCount; group++) owed += Math.max(0, this.minOf(group) - this.groupCounts[group]);
		return owed;
	}

	/** True when the candidate's group is below its minimum. */
	owed(candidate: number): boolean {
		const group = this.instance.candidateGroup[candidate];
		return group >= 0 && this.groupCounts[group] < this.minOf(group);
	}

	add(candidate: number): void {
		this.sites.push(candidate);
		const group = this.instance.candidateGroup[candidate];
		if (group >= 0) this.groupCounts[group]++;
	}

	remove(candidate: number): void {
		this.sites.splice(this.sites.indexOf(candidate), 1);
		const group = this.instance.candidateGroup[candidate];
		if (group >= 0) this.groupCounts[group]--;
	}

	replace(leaving: number, entering: number): void {
		const index = this.sites.indexOf(leaving);
		this.sites[index] = entering;
		const out = this.instance.candidateGroup[leaving];
		const into = this.instance.candidateGroup[entering];
		if (out >= 0) this.groupCounts[out]--;
		if (into >= 0) this.groupCounts[into]++;
	}

	private maxOf(group: number): number {
		return this.constraints.maxPerGroup[group] ?? Infinity;
	}

	private minOf(group: number): number {
		return this.constraints.minPerGroup[group] ?? 0;
	}
}

/** What a set of sites breaks, in words (empty = every constraint holds); an independent check for results and tests. */
export function constraintViolations(instance: Geometry, constraints: SitingConstraints, sites: readonly number[]): string[] {
	const problems: string[] = [];
	if (new Set(sites).size !== sites.length) problems.push('a site is chosen twice');
	const counts = new Map<number, number>();
	for (const site of sites) counts.set(instance.candidateGroup[site], (counts.get(instance.candidateGroup[site]) ?? 0) + 1);
	for (let group = 0; group < instance.groupCount; group++) {
		const count = counts.get(group) ?? 0;
		if (count > (constraints.maxPerGroup[group] ?? Infinity)) problems.push(`group ${group}: ${count} sites, at most ${constraints.maxPerGroup[group]}`);
		if (count < (constraints.minPerGroup[group] ?? 0)) problems.push(`group ${group}: ${count} sites, at least ${constraints.minPerGroup[group]}`);
	}
	for (let a = 0; a < sites.length; a++) {
		for (let b = a + 1; b < sites.length; b++) {
			const distance = Math.hypot(instance.x[sites[a]] - instance.x[sites[b]], instance.y[sites[a]] - instance.y[sites[b]]);
			if (distance < constraints.minSpacingM) problems.push(`sites ${sites[a]} and ${sites[b]} are ${distance.toFixed(0)} m apart`);
		}
	}
	return problems;
}
