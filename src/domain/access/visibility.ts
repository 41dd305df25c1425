// Who may see what: the Panel Information Policy (SEC Section M4.13) applied to a viewer.
// The rule itself is canSee in classification-policy.ts; this module says who the viewer is (viewerOf) and what
// a paper names (canSeePaper). Pure: plain fields only.
import { canSee, type AccessViewer } from './classification-policy.ts';

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

/** What a paper says about who it is for: the committee of its meeting, and its named recipients. */
export interface PaperForAccess {
  classification: string;
  /** The committee whose meeting the paper is for; null for a paper that names no meeting. */
  committeeRef: string | null;
  recipientUserIds: readonly number[];
}

/**
 * May this viewer see this paper? The one policy (canSee): a paper names its meeting's committee, so an Amber
 * paper is for that committee's members and the administrator's staff; a Red one for its named recipients.
 */
export function canSeePaper(viewer: Viewer, paper: PaperForAccess): boolean {
  return canSee(viewer, {
    classification: paper.classification,
    organisationIds: [],
    committees: paper.committeeRef ? [paper.committeeRef] : [],
    recipientUserIds: paper.recipientUserIds,
  });
}
