// Raising a Draft Proposal on the web: the form, drafts saved and resumed, and the acknowledgement.
//   GET  /raise                     the code's rule on who may raise (SEC D1.3), whether the user's organisation
//                                   qualifies, a way to start, and the user's own drafts (resume, delete)
//   GET  /raise/new                 the form, blank
//   POST /raise/new                 "Save as draft" (action=save) or "Submit" (action=submit) a new draft
//   GET  /raise/drafts/:id          a saved draft, in the form to go on with; once raised, its acknowledgement
//   POST /raise/drafts/:id          save or submit it
//   POST /raise/drafts/:id/delete   delete it (not once raised)
//
// Who: party users whose account stands for a person of the register (canRaise); they raise as that person, for
// that person's organisation. The anonymous public is sent to sign in (303 to /sign-in?next=...), on GET and POST
// alike; any other signed-in user is refused (403) with the reason. A user whose organisation the code's rule does
// not allow sees the rule and why, and no form; their POSTs are refused (403) and nothing is stored. Only the owner
// of a draft finds it: anyone else's is not found (404), as a draft that does not exist. The CSRF check
// (src/web/auth.ts) has already refused a POST without its token.
//
// Saving keeps the fields as typed, even incomplete (only their length is checked), and redirects (303) to the
// draft's page, which says "Draft saved". Submitting checks the fields (400 with the GOV.UK error summary, the
// values kept and nothing stored), raises the proposal through the raise use case and answers with the
// acknowledgement (200). Submitting a raised draft again (a refresh, the back button) raises nothing new: the
// acknowledgement says so. A new form carries a random key, so the same form saved or submitted twice makes one
// draft. Each route parses, authorises, calls one use case and presents.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deleteProposalDraft } from '../../app/delete-proposal-draft.ts';
import { getProposalDraft, type ProposalDraft } from '../../app/get-proposal-draft.ts';
import { getProposalTimetable } from '../../app/get-proposal-timetable.ts';
import { getRaiseEligibility, type RaiseEligibility } from '../../app/get-raise-eligibility.ts';
import { listProposalDrafts } from '../../app/list-proposal-drafts.ts';
import {
  DRAFT_FIELDS,
  DRAFT_FIELD_LIMITS,
  DraftAlreadyRaisedError,
  DraftInputError,
  DraftNotFoundError,
  RaiseNotAllowedError,
  emptyDraftFields,
  isDraftFieldName,
  type DraftFieldError,
  type DraftFields,
} from '../../app/proposal-draft.models.ts';
import { NotEligibleError, RaiseInputError } from '../../app/raise-proposal.ts';
import { saveProposalDraft } from '../../app/save-proposal-draft.ts';
import { submitProposalDraft, type SubmittedDraft } from '../../app/submit-proposal-draft.ts';
import type { Db } from '../../db/connect.ts';
import { canRaise } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { ProposalKind } from '../../domain/eligibility/eligibility.models.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { csrfToken, type SignedInUser } from '../auth.ts';
import type { Pages } from './register-pages.ts';

export interface RaisePageDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  now: () => Date;
  pages: Pages;
  mailer: Mailer;
  /** The site's public address for the link in the e-mail (default MODGOV_PUBLIC_URL, else the request's own). */
  publicUrl?: string | undefined;
}

type DraftParams = { id: string };

/** What each kind of proposal means for the proposer, under its name from the rules pack. */
const KIND_HINTS: Record<ProposalKind, string> = {
  normal: 'It follows the usual timetable.',
  urgent:
    'It follows a timetable agreed with the Authority instead of the usual one. Say in the summary why it cannot wait.',
  fast_track: 'For a typographical or other minor error that needs no consultation.',
};

const MARKDOWN_HINT =
  'You can use Markdown: leave a blank line between paragraphs, start a line with "- " for a bullet point, write **bold** and [a link](https://example.com).';

const FORM_KEY = /^[A-Za-z0-9_-]{22}$/;
const newFormKey = () => randomBytes(16).toString('base64url');

/** A single text field of a form body ('' when absent or repeated). */
function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

const fieldsOf = (request: FastifyRequest): DraftFields =>
  Object.fromEntries(DRAFT_FIELDS.map((name) => [name, field(request, name)])) as DraftFields;

/** The error summary and the field messages, as the govuk macros take them. */
const presentErrors = (errors: readonly DraftFieldError[]) => ({
  errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
  fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
});

const draftIdOf = (id: string): number | null => (/^[1-9]\d{0,8}$/.test(id) ? Number(id) : null);

const savedAtFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});
const savedAt = (at: Date) => savedAtFormat.format(at).replace(', ', ' at ');

export function registerRaisePageRoutes(app: FastifyInstance, deps: RaisePageDeps): void {
  const { db, rules, today, now, pages, mailer } = deps;

  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    template: string,
    context: Record<string, unknown>,
  ) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(pages.render(template, { ...context, csrfToken: csrfToken(request, reply) }));

  const refuse = (
    request: FastifyRequest,
    reply: FastifyReply,
    message: string,
    eligibility: RaiseEligibility | null = null,
  ) => send(request, reply, 403, 'raise-refused.njk', { message, eligibility });

  /**
   * Who is asking, and the rule explained for them; or null when the refusal was sent: to sign in for the
   * anonymous public, 403 for a user who may not raise here.
   */
  async function raiserOf(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ user: SignedInUser; eligibility: RaiseEligibility } | null> {
    const user = request.user;
    if (!user) {
      void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      return null;
    }
    const may = canRaise(user);
    const eligibility = may.allowed
      ? await getRaiseEligibility({ db, rules }, { personId: may.personId })
      : null;
    if (!eligibility) {
      void refuse(
        request,
        reply,
        may.allowed
          ? 'The person your account is linked to is no longer in the register. Ask an administrator to link your account again.'
          : may.reason,
      );
      return null;
    }
    return { user, eligibility };
  }

  /** What the form template needs besides the values and errors. */
  function formContext(
    eligibility: RaiseEligibility,
    target: { draft: ProposalDraft | null; formKey: string },
  ) {
    const reasonCode = eligibility.conditions.find((c) => c.kind === 'reason_code');
    const reasonText = eligibility.conditions.find((c) => c.kind === 'reason_text');
    const ask = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
    return {
      eligibility,
      draft: target.draft ? { id: target.draft.id, savedAt: savedAt(target.draft.updatedAt) } : null,
      action: target.draft ? `/raise/drafts/${target.draft.id}` : '/raise/new',
      formKey: target.draft ? '' : target.formKey,
      limits: DRAFT_FIELD_LIMITS,
      markdownHint: MARKDOWN_HINT,
      kinds: eligibility.choices
        .filter((c) => c.offered)
        .map((c) => ({ value: c.kind, text: c.label, hint: { text: KIND_HINTS[c.kind] } })),
      // why the other kinds are not offered (Fast-Track is the Panel's own), from the rule's refusal
      kindHint: eligibility.choices
        .filter((c) => !c.offered)
        .map((c) => c.explanation)
        .filter(Boolean)
        .join(' '),
      reasonCode: reasonCode?.kind === 'reason_code' && {
        legend: ask(reasonCode.ask),
        hint: `${reasonCode.message}.`,
        items: reasonCode.allowed.map((o) => ({ value: o.code, text: ask(o.label) })),
      },
      reasonText: reasonText && { label: ask(reasonText.ask), hint: `${reasonText.message}.` },
    };
  }

  const sendForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    eligibility: RaiseEligibility,
    target: { draft: ProposalDraft | null; formKey: string },
    values: DraftFields,
    extra: Record<string, unknown> = {},
  ) =>
    send(request, reply, status, 'raise-form.njk', {
      ...formContext(eligibility, target),
      values,
      ...extra,
    });

  /** The acknowledgement of a raised draft: what it became, what happens next, and the committees' dates. */
  async function sendAcknowledgement(
    request: FastifyRequest,
    reply: FastifyReply,
    raised: { reference: string; title: string; raised: string; changeTeamEmail: string | null },
    submitted: Pick<SubmittedDraft, 'alreadyRaised' | 'mailed'> | null,
  ) {
    const timetable = await getProposalTimetable(
      { db, rules, today },
      { viewer: viewerOf(request.user), reference: raised.reference },
    );
    const stage = rules.lifecycle.stages.find((s) => s.slug === rules.lifecycle.initialStage) ?? null;
    return send(request, reply, 200, 'raise-raised.njk', {
      raised,
      codeId: rules.id,
      email: request.user?.email ?? '',
      submitted,
      stage,
      // the dates still to come: the committees' next meetings and when their papers are issued
      milestones: (timetable?.milestones ?? []).filter((m) => m.workingDaysLeft >= 0),
      proposalHref: `/proposals/${encodeURIComponent(raised.reference)}`,
    });
  }

  /** Saves or submits the form of a draft (null: a new one), and answers. */
  async function handlePost(
    request: FastifyRequest,
    reply: FastifyReply,
    raiser: { user: SignedInUser; eligibility: RaiseEligibility },
    draft: ProposalDraft | null,
  ) {
    const { user, eligibility } = raiser;
    const values = fieldsOf(request);
    const given = field(request, 'formKey');
    const formKey = draft ? undefined : FORM_KEY.test(given) ? given : undefined;
    const target = { draft, formKey: formKey ?? newFormKey() };
    const draftId = draft?.id ?? null;
    try {
      if (field(request, 'action') === 'submit') {
        const baseUrl =
          deps.publicUrl ?? (process.env.MODGOV_PUBLIC_URL || `${request.protocol}://${request.host}`);
        const submitted = await submitProposalDraft(
          { db, rules, mailer, today, now },
          { user, draftId, formKey, fields: values, baseUrl },
        );
        if (submitted.mailError)
          request.log.warn({ err: submitted.mailError }, 'the acknowledgement e-mail was not sent');
        const found = await getProposalDraft({ db, rules }, { userId: user.id, draftId: submitted.draftId });
        if (!found?.raised) throw new Error('internal: the raised draft was not found');
        return await sendAcknowledgement(request, reply, found.raised, submitted);
      }
      const saved = await saveProposalDraft({ db, rules, now }, { user, draftId, formKey, fields: values });
      return await reply.redirect(`/raise/drafts/${saved.draftId}?saved=1`, 303);
    } catch (error) {
      if (error instanceof DraftInputError)
        return sendForm(
          request,
          reply,
          error.status,
          eligibility,
          target,
          values,
          presentErrors(error.errors),
        );
      if (error instanceof RaiseInputError && isDraftFieldName(error.field))
        return sendForm(
          request,
          reply,
          error.status,
          eligibility,
          target,
          values,
          presentErrors([{ field: error.field, text: error.message }]),
        );
      if (error instanceof DraftNotFoundError) return reply.callNotFound();
      if (error instanceof DraftAlreadyRaisedError)
        return reply.redirect(`/raise/drafts/${error.draftId}`, 303);
      if (error instanceof NotEligibleError || error instanceof RaiseNotAllowedError)
        return refuse(request, reply, error.message, eligibility);
      throw error;
    }
  }

  app.get<{ Querystring: { deleted?: string } }>('/raise', async (request, reply) => {
    const raiser = await raiserOf(request, reply);
    if (!raiser) return reply;
    const drafts = await listProposalDrafts({ db, rules }, { userId: raiser.user.id });
    const present = (d: (typeof drafts.writing)[number]) => ({ ...d, savedAt: savedAt(d.updatedAt) });
    return send(request, reply, 200, 'raise-index.njk', {
      eligibility: raiser.eligibility,
      writing: drafts.writing.map(present),
      raised: drafts.raised.map(present),
      deleted: request.query.deleted === '1',
    });
  });

  app.get('/raise/new', async (request, reply) => {
    const raiser = await raiserOf(request, reply);
    if (!raiser) return reply;
    return sendForm(
      request,
      reply,
      200,
      raiser.eligibility,
      { draft: null, formKey: newFormKey() },
      emptyDraftFields(),
    );
  });

  app.post('/raise/new', async (request, reply) => {
    const raiser = await raiserOf(request, reply);
    if (!raiser) return reply;
    return handlePost(request, reply, raiser, null);
  });

  /** The user's draft in the path, or null when it is not theirs or does not exist. */
  async function draftOf(request: FastifyRequest<{ Params: DraftParams }>, user: SignedInUser) {
    const draftId = draftIdOf(request.params.id);
    return draftId === null ? null : getProposalDraft({ db, rules }, { userId: user.id, draftId });
  }

  app.get<{ Params: DraftParams; Querystring: { saved?: string } }>(
    '/raise/drafts/:id',
    async (request, reply) => {
      const raiser = await raiserOf(request, reply);
      if (!raiser) return reply;
      const draft = await draftOf(request, raiser.user);
      if (!draft) return reply.callNotFound();
      if (draft.raised) return sendAcknowledgement(request, reply, draft.raised, null);
      return sendForm(request, reply, 200, raiser.eligibility, { draft, formKey: '' }, draft.fields, {
        saved: request.query.saved === '1',
      });
    },
  );

  app.post<{ Params: DraftParams }>('/raise/drafts/:id', async (request, reply) => {
    const raiser = await raiserOf(request, reply);
    if (!raiser) return reply;
    const draft = await draftOf(request, raiser.user);
    if (!draft) return reply.callNotFound();
    return handlePost(request, reply, raiser, draft);
  });

  app.post<{ Params: DraftParams }>('/raise/drafts/:id/delete', async (request, reply) => {
    const raiser = await raiserOf(request, reply);
    if (!raiser) return reply;
    const draftId = draftIdOf(request.params.id);
    if (draftId === null) return reply.callNotFound();
    try {
      await deleteProposalDraft({ db, rules }, { userId: raiser.user.id, draftId });
    } catch (error) {
      if (error instanceof DraftNotFoundError) return reply.callNotFound();
      if (error instanceof DraftAlreadyRaisedError)
        return send(request, reply, error.status, 'error.njk', {
          status: error.status,
          message: 'This draft was raised, so it is kept as the record of what you submitted.',
        });
      throw error;
    }
    return reply.redirect('/raise?deleted=1', 303);
  });
}
