// The analysts' workspace: the queue of what is theirs, due this week and overdue (GET /workspace), and the form
// that edits a proposal's title, summary, problem statement and impacts (GET and POST /proposals/:ref/edit). Each
// open action of the meetings has a "Mark done" button for those who may complete actions (the rule of POST
// /actions/:id/done, in meeting-outcome-pages.ts), which comes back here with `?done=<id>` and a banner.
//
// Who: the administrator's staff (canEditProposals). The anonymous public is sent to sign in (303 to
// /sign-in?next=...), on GET and POST alike; a signed-in user without the role is refused (403), whatever the
// proposal. A proposal the member of staff may not see (or that does not exist) is not found (404). The CSRF
// check (src/web/auth.ts) has already refused a POST without its token. A refused edit answers 400 with the
// GOV.UK error summary and the values kept; a saved one is sent on to the proposal's page (303), flagged
// `?edited=1` when anything changed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProposalEditInputError, editProposal, type EditFieldError } from '../../app/edit-proposal.ts';
import { getProposalForEdit, type EditableProposal } from '../../app/get-proposal-for-edit.ts';
import { getWorkspace, WORKSPACE_PROPOSAL_LIMIT } from '../../app/get-workspace.ts';
import { ProposalNotFoundError } from '../../app/transition-proposal.ts';
import type { Db } from '../../db/connect.ts';
import { canCreatePapers, canEditProposals } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { csrfToken } from '../auth.ts';
import type { Pages } from './register-pages.ts';

export interface WorkspaceDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

const MARKDOWN_HINT =
  'You can use Markdown: leave a blank line between paragraphs, start a line with "- " for a bullet point, write **bold** and [a link](https://example.com).';

/** The edit form's values, as typed: every one a string, so a refused form comes back as it was sent. */
interface EditValues {
  title: string;
  summary: string;
  problemStatement: string;
  /** By committee reference. */
  impacts: Record<string, string>;
}

/** The form field of a committee's impact. */
const impactField = (committee: string) => `impact-${committee}`;

const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
/** A single text field of a form body; undefined when absent or repeated. */
function field(request: FastifyRequest, name: string): string | undefined {
  const value = bodyOf(request)[name];
  return typeof value === 'string' ? value : undefined;
}

const fieldId = (error: EditFieldError) =>
  error.field === 'impact' && error.committee ? impactField(error.committee) : error.field;

/** The error summary and the field messages, as the govuk macros take them. */
const presentErrors = (errors: readonly EditFieldError[]) => ({
  errorList: errors.map((e) => ({ text: e.text, href: `#${fieldId(e)}` })),
  fieldErrors: Object.fromEntries(errors.map((e) => [fieldId(e), { text: e.text }])),
});

const proposalPath = (reference: string) => `/proposals/${encodeURIComponent(reference)}`;

export function registerWorkspaceRoutes(app: FastifyInstance, deps: WorkspaceDeps): void {
  const { db, rules, today, pages } = deps;

  /** Sends the refusal when this request may not use these pages; null when it may. */
  function refusal(request: FastifyRequest, reply: FastifyReply, what: string): FastifyReply | null {
    if (!request.user) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    if (canEditProposals(request.user)) return null;
    return reply
      .code(403)
      .type('text/html; charset=utf-8')
      .send(
        pages.render('error.njk', {
          status: 403,
          message: `Only the code administrator’s staff (administrators and analysts) can ${what}.`,
        }),
      );
  }

  app.get<{ Querystring: { done?: unknown } }>('/workspace', async (request, reply) => {
    const refused = refusal(request, reply, 'use the workspace');
    if (refused) return refused;
    const user = request.user;
    if (!user) return reply.callNotFound();
    const workspace = await getWorkspace({ db, rules, today }, { user });
    // "Mark done" posts to /actions/:id/done, whose rule (canCreatePapers) decides who sees the button
    const mayCompleteActions = canCreatePapers(user);
    const done = request.query.done;
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        pages.render('workspace.njk', {
          workspace,
          limit: WORKSPACE_PROPOSAL_LIMIT,
          mayCompleteActions,
          ...(mayCompleteActions ? { csrfToken: csrfToken(request, reply) } : {}),
          doneAction: typeof done === 'string' && /^[1-9]\d{0,8}$/.test(done) ? Number(done) : null,
        }),
      );
  });

  const sendForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    proposal: EditableProposal,
    values: EditValues,
    errors: readonly EditFieldError[],
  ) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        pages.render('proposal-edit.njk', {
          proposal,
          values,
          impacts: proposal.impacts.map((impact) => ({ ...impact, field: impactField(impact.committee) })),
          action: `${proposalPath(proposal.reference)}/edit`,
          proposalPath: proposalPath(proposal.reference),
          markdownHint: MARKDOWN_HINT,
          csrfToken: csrfToken(request, reply),
          ...(errors.length ? presentErrors(errors) : {}),
        }),
      );

  type Params = { ref: string };

  app.get<{ Params: Params }>('/proposals/:ref/edit', async (request, reply) => {
    const refused = refusal(request, reply, 'edit proposals');
    if (refused) return refused;
    const proposal = await getProposalForEdit(
      { db, rules },
      { viewer: viewerOf(request.user), reference: request.params.ref },
    );
    if (!proposal) return reply.callNotFound();
    if (proposal.reference !== request.params.ref)
      return reply.redirect(`${proposalPath(proposal.reference)}/edit`, 301);
    const values: EditValues = {
      title: proposal.title,
      summary: proposal.summary,
      problemStatement: proposal.problemStatement,
      impacts: Object.fromEntries(proposal.impacts.map((i) => [i.committee, i.text])),
    };
    return sendForm(request, reply, 200, proposal, values, []);
  });

  app.post<{ Params: Params }>('/proposals/:ref/edit', async (request, reply) => {
    const refused = refusal(request, reply, 'edit proposals');
    if (refused) return refused;
    const user = request.user;
    if (!user) return reply.callNotFound();
    const proposal = await getProposalForEdit(
      { db, rules },
      { viewer: viewerOf(user), reference: request.params.ref },
    );
    if (!proposal) return reply.callNotFound();

    // A field the form did not send keeps its value (the form always sends them all; the title must be there).
    const summary = field(request, 'summary');
    const problemStatement = field(request, 'problemStatement');
    const impacts: Record<string, string> = {};
    for (const impact of proposal.impacts) {
      const text = field(request, impactField(impact.committee));
      if (text !== undefined) impacts[impact.committee] = text;
    }
    const values: EditValues = {
      title: field(request, 'title') ?? '',
      summary: summary ?? proposal.summary,
      problemStatement: problemStatement ?? proposal.problemStatement,
      impacts: Object.fromEntries(proposal.impacts.map((i) => [i.committee, impacts[i.committee] ?? i.text])),
    };

    try {
      const edited = await editProposal(
        { db, rules },
        { reference: proposal.reference, user, title: values.title, summary, problemStatement, impacts },
      );
      const to = proposalPath(edited.reference);
      return reply.redirect(edited.changed.length ? `${to}?edited=1` : to, 303);
    } catch (error) {
      if (error instanceof ProposalEditInputError)
        return sendForm(request, reply, error.status, proposal, values, error.errors);
      // the proposal went, or was hidden from this user, between the lookup and the transaction
      if (error instanceof ProposalNotFoundError) return reply.callNotFound();
      throw error;
    }
  });
}
