import { Rule } from '../rule';
import { parseWaivers, WAIVERS_ANNOTATION } from '../waiver-annotation';
import { FROM_BASELINE } from './support/define';
import { at, quote } from './support/paths';

/**
 * `POL-001`: a waiver annotation written by hand (or edited in dist/) must still name real rules and
 * give reasons, otherwise a typo would silently waive nothing or everything would look waived.
 */
export const waiverFormat: Rule = {
  id: 'POL-001',
  severity: 'error',
  title: 'Waiver annotations must name known rules and give reasons',
  rationale: 'A malformed waiver silently waives nothing, and one without a reason cannot be reviewed.',
  fix: `Write ${WAIVERS_ANNOTATION} as a JSON object of rule id to reason, or use Policy.of(construct).waive(id, reason).`,
  mirrors: [],
  profiles: FROM_BASELINE,
  check: ({ object }, context) => {
    const path = at('.metadata.annotations', WAIVERS_ANNOTATION);
    const { waivers, problems } = parseWaivers(object.metadata?.annotations);
    const unknown = Object.keys(waivers).filter((id) => !context.ruleIds.has(id));
    return [
      ...problems.map((problem) => ({ path, message: `annotation ${quote(WAIVERS_ANNOTATION)} ${problem}; give every waived rule id a reason` })),
      ...unknown.map((id) => ({ path, message: `annotation ${quote(WAIVERS_ANNOTATION)} waives unknown rule ${quote(id)}; use an id from 'gitplane policy list'` })),
    ];
  },
};

export const waiverRules: readonly Rule[] = [waiverFormat];
