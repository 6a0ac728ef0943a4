/**
 * Which OpenStreetMap ways a pedestrian may use. Data, so the README can print the table.
 * Order matters: the first rule that matches decides.
 */
export interface WalkTagRule {
	rule: string;
	keep: boolean;
	matches: (tags: Record<string, string>) => boolean;
}

const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive', 'official']);
const WALKABLE_HIGHWAYS = new Set([
	'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'road', 'track',
	'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link', 'corridor', 'crossing', 'bridleway'
]);
const NEVER = new Set(['construction', 'proposed', 'abandoned', 'raceway', 'bus_guideway', 'platform', 'elevator', 'escape', 'razed']);
const MOTOR_ONLY = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link']);

export const WALK_TAG_RULES: readonly WalkTagRule[] = [
	{ rule: 'no `highway` tag, or `area=yes` (a square, not a line)', keep: false, matches: (t) => !t.highway || t.area === 'yes' },
	{ rule: '`highway` = construction, proposed, abandoned, raceway, bus_guideway, platform, elevator', keep: false, matches: (t) => NEVER.has(t.highway) },
	{ rule: '`foot=no` or `foot=private`', keep: false, matches: (t) => t.foot === 'no' || t.foot === 'private' },
	{ rule: '`foot` = yes, designated, permissive, official (any highway)', keep: true, matches: (t) => FOOT_ALLOWED.has(t.foot ?? '') },
	{ rule: '`access` = no or private (without a foot permission)', keep: false, matches: (t) => t.access === 'no' || t.access === 'private' },
	{ rule: '`highway` = motorway, trunk and their links (without a foot permission)', keep: false, matches: (t) => MOTOR_ONLY.has(t.highway) },
	{ rule: '`highway=cycleway` (without a foot permission)', keep: false, matches: (t) => t.highway === 'cycleway' },
	{
		rule: '`highway` = footway, path, pedestrian, steps, living_street, residential, service, unclassified, road, track, tertiary, secondary, primary (and links; sidewalks assumed), corridor, crossing, bridleway',
		keep: true,
		matches: (t) => WALKABLE_HIGHWAYS.has(t.highway)
	},
	{ rule: 'any other `highway` value', keep: false, matches: () => true }
];

/** The first matching rule, for statistics ("dropped because …"). */
export function walkRuleFor(tags: Record<string, string>): WalkTagRule {
	return WALK_TAG_RULES.find((rule) => rule.matches(tags)) ?? WALK_TAG_RULES[WALK_TAG_RULES.length - 1];
}

// Exported for the tests only: the reader tests check the tag rules one way at a time.
export function isWalkableWay(tags: Record<string, string>): boolean {
	return walkRuleFor(tags).keep;
}
