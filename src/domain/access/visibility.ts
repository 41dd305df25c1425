// Who may see what: the Panel Information Policy (SEC Section M4.13) applied to a viewer.
// The one place that decides which classifications a viewer may see; repository queries take its answer.

/** Who is looking. Accounts arrive in a later issue; until then everyone is the anonymous public. */
export type Viewer = { kind: 'anonymous' };

export const anonymousViewer: Viewer = { kind: 'anonymous' };

/**
 * The classifications a viewer may see. The public sees White only: Green is for the SEC community,
 * Amber for an organisation that needs to know, Red for named recipients.
 */
export function visibleClassifications(viewer: Viewer): readonly string[] {
  switch (viewer.kind) {
    case 'anonymous':
      return ['white'];
  }
}
