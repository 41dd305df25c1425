// Who may see what: the Panel Information Policy (SEC Section M4.13) applied to a viewer.
// The rule itself is canSee in classification-policy.ts; this module says who the viewer is (viewerOf) and,
// for items that do not yet say whom they name, which classifications a viewer may see. Pure: plain fields only.
import type { AccessViewer } from './classification-policy.ts';

export type { AccessViewer } from './classification-policy.ts';

/** Who is looking: the anonymous public, or a signed-in user with their organisation and roles. */
export type Viewer = AccessViewer;

export const anonymousViewer: Viewer = { kind: 'anonymous' };

/** The facts about a signed-in user the policy needs (src/app/get-session.ts's SignedInUser has them). */
export interface ViewerSource {
  id: number;
  organisationId: number | null;
  roles: readonly ({ role: string } | { role: string; committee: string })[];
}

/** The viewer for a request's user: null is the anonymous public. */
export function viewerOf(user: ViewerSource | null): Viewer {
  if (!user) return anonymousViewer;
  return {
    kind: 'user',
    userId: user.id,
    organisationId: user.organisationId,
    roles: user.roles.map((r) => ({ role: r.role, committee: 'committee' in r ? r.committee : null })),
  };
}

/**
 * The classifications a viewer may see of an item that does not (yet) say which organisations, committees or
 * recipients it names: papers. Without those, only White can be shown, to anyone: Green is for the SEC
 * community, Amber for those the item names, Red for named recipients. Proposals do name theirs, and are
 * filtered by the whole rule (proposals.repository.ts).
 */
export function visibleClassifications(_viewer: Viewer): readonly string[] {
  return ['white'];
}
