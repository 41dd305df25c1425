// Committees' views on proposals, on the web (issue 7):
//   GET/POST /proposals/:ref/views/new      the form: the administrator's staff record a view given at a meeting
//                                           (committee, meeting, paper, agenda item, author, date) or sent by
//                                           e-mail (record-view.ts); a committee member sends one in for a
//                                           committee they sit on (submit-view.ts), and sees only those.
//   GET /proposals/:ref/views               the analyst's collation for a proposal: views by committee (staff)
//   GET /committees/:ref/meetings/:number/views   the views given at a meeting, by proposal, optionally only
//                                           those answering one paper (?paper=OPSG_26_0511_16) (staff)
// and the proposal page's "Views" section (proposalViewsSection: one property of renderProposalPage's context).
// The API (views-api.ts) is registered from here too.
//
// Who: the anonymous public is sent to sign in (303 to /sign-in?next=...), on GET and POST alike; a signed-in
// user who may not use the page is refused (403) whatever the proposal, so a refusal says nothing of what exists;
// a proposal or meeting they may not see (or that does not exist) is then not found (404). The CSRF check
// (src/web/auth.ts) has already refused a POST without its token. A refused view answers 400 with the GOV.UK error
// summary naming each field, the values kept and nothing stored; a stored one is sent on to the proposal's page
// (303, `?viewAdded=1#views`), which confirms it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collateMeetingViews, collateProposalViews } from '../../app/collate-views.ts';
import { getViewForm, viewFormMode, type ViewForm } from '../../app/get-view-form.ts';
import { listViews, type ViewItem } from '../../app/list-views.ts';
import { recordView } from '../../app/record-view.ts';
import { submitView } from '../../app/submit-view.ts';
import { ProposalNotFoundError } from '../../app/transition-proposal.ts';
import { VIEW_SOURCE_LABELS, ViewInputError, ViewNotAllowedError } from '../../app/view-input.ts';
import type { Db } from '../../db/connect.ts';
import { canEditProposals } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { csrfToken } from '../auth.ts';
import type { Pages } from './register-pages.ts';
import { registerViewsApiRoutes } from './views-api.ts';

export interface ViewPageDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

const MARKDOWN_HINT =
  'You can use Markdown: leave a blank line between paragraphs, start a line with "- " for a bullet point, write **bold** and [a link](https://example.com).';

/** The form's fields, as typed: every one a string, so a refused form comes back as it was sent. */
const FIELDS = [
  'committee',
  'source',
  'meeting',
  'paper',
  'item',
  'author',
  'on',
  'classification',
  'version',
  'text',
] as const;
type FieldName = (typeof FIELDS)[number];
type FormValues = Record<FieldName, string>;
interface FieldError {
  field: FieldName;
  text: string;
}
const isFieldName = (name: string): name is FieldName => (FIELDS as readonly string[]).includes(name);

/** A single text field of a form body ('' when absent or repeated). */
function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** The error summary and the field messages, as the govuk macros take them. */
const presentErrors = (errors: readonly FieldError[]) => ({
  errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
  fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
});

const wholeNumber = (value: string): number | null => (/^[1-9]\d{0,8}$/.test(value) ? Number(value) : null);
const optional = (value: string) => value || undefined;

/** The numbers the form cannot read, before the use case sees the rest. */
function checkNumbers(values: FormValues, mode: ViewForm['mode']): FieldError[] {
  const names: readonly [FieldName, string][] =
    mode === 'staff'
      ? [
          ['meeting', 'The meeting number'],
          ['item', 'The agenda item'],
          ['version', 'The problem statement version'],
        ]
      : [['version', 'The problem statement version']];
  return names.flatMap(([name, what]) =>
    values[name] && wholeNumber(values[name]) === null
      ? [{ field: name, text: `${what} must be a whole number from 1, not "${values[name]}".` }]
      : [],
  );
}

const proposalPath = (reference: string) => `/proposals/${encodeURIComponent(reference)}`;

/** What the proposal page's "Views" section shows (src/web/views/proposal-views.njk). */
export interface ProposalViewsSection {
  views: ViewItem[];
  /** The form, when the viewer may add a view, and what its link says. */
  add: { href: string; text: string } | null;
  /** The analyst's collation, for the administrator's staff. */
  collatedHref: string | null;
  /** A view was just added (the form's redirect). */
  added: boolean;
}

/** The proposal page's "Views" section: the views the viewer may see, and the ways to add and collate them. */
export async function proposalViewsSection(
  deps: { db: Db; rules: RulesPack },
  request: FastifyRequest,
  reference: string,
): Promise<ProposalViewsSection> {
  const found = await listViews(deps, { viewer: viewerOf(request.user), reference });
  const mode = request.user ? viewFormMode(request.user) : null;
  const base = `${proposalPath(reference)}/views`;
  const query = (request.query ?? {}) as Record<string, unknown>;
  return {
    views: found?.views ?? [],
    add: mode ? { href: `${base}/new`, text: mode === 'staff' ? 'Record a view' : 'Send in a view' } : null,
    collatedHref: mode === 'staff' ? base : null,
    added: query.viewAdded === '1',
  };
}

export function registerViewRoutes(app: FastifyInstance, deps: ViewPageDeps): void {
  const { db, rules, today, pages } = deps;
  const classifications = rules.register.classifications.filter((c) => c.slug !== 'red');

  const html = (reply: FastifyReply, status: number, template: string, context: Record<string, unknown>) =>
    reply.code(status).type('text/html; charset=utf-8').send(pages.render(template, context));

  /** Sends the refusal when this request may not use the page; null when it may. */
  function refusal(
    request: FastifyRequest,
    reply: FastifyReply,
    allowed: (user: NonNullable<FastifyRequest['user']>) => boolean,
    message: string,
  ): FastifyReply | null {
    if (!request.user) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    if (allowed(request.user)) return null;
    return html(reply, 403, 'error.njk', { status: 403, message });
  }
  const formRefusal = (request: FastifyRequest, reply: FastifyReply) =>
    refusal(
      request,
      reply,
      (user) => viewFormMode(user) !== null,
      'Only committee members (for the committees they sit on) and the code administrator’s staff add views.',
    );
  const staffRefusal = (request: FastifyRequest, reply: FastifyReply) =>
    refusal(
      request,
      reply,
      canEditProposals,
      'Only the code administrator’s staff (administrators and analysts) see the collated views.',
    );

  const sendForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    form: ViewForm,
    values: FormValues,
    errors: readonly FieldError[],
  ) =>
    html(reply.header('cache-control', 'no-store'), status, 'views-new.njk', {
      form,
      values,
      action: `${proposalPath(form.reference)}/views/new`,
      proposalPath: proposalPath(form.reference),
      committees: [
        ...(form.mode === 'staff' ? [{ value: '', text: 'Choose a committee' }] : []),
        ...form.committees.map((c) => ({ value: c.ref, text: `${c.name} (${c.ref})` })),
      ],
      classifications: classifications.map((c) => ({ value: c.slug, text: c.label })),
      sources: (['meeting', 'email'] as const).map((slug) => ({
        value: slug,
        text: VIEW_SOURCE_LABELS[slug],
      })),
      versions: form.versions.join(', '),
      markdownHint: MARKDOWN_HINT,
      today: today(),
      csrfToken: csrfToken(request, reply),
      ...(errors.length ? presentErrors(errors) : {}),
    });

  const blankForm = (form: ViewForm): FormValues => ({
    committee: form.committees.length === 1 ? (form.committees[0]?.ref ?? '') : '',
    source: 'meeting',
    meeting: '',
    paper: '',
    item: '',
    author: '',
    on: '',
    classification: classifications.some((c) => c.slug === form.classification) ? form.classification : '',
    version: '',
    text: '',
  });

  type Params = { ref: string };

  app.get<{ Params: Params }>('/proposals/:ref/views/new', async (request, reply) => {
    const refused = formRefusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    if (!user) return reply.callNotFound();
    const form = await getViewForm({ db, rules }, { user, reference: request.params.ref });
    if (!form) return reply.callNotFound();
    if (form.reference !== request.params.ref)
      return reply.redirect(`${proposalPath(form.reference)}/views/new`, 301);
    return sendForm(request, reply, 200, form, blankForm(form), []);
  });

  app.post<{ Params: Params }>('/proposals/:ref/views/new', async (request, reply) => {
    const refused = formRefusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    if (!user) return reply.callNotFound();
    const form = await getViewForm({ db, rules }, { user, reference: request.params.ref });
    if (!form) return reply.callNotFound();
    const values = Object.fromEntries(
      FIELDS.map((name) => [name, name === 'text' ? field(request, name) : field(request, name).trim()]),
    ) as FormValues;
    const refuse = (errors: readonly FieldError[]) => sendForm(request, reply, 400, form, values, errors);
    const unreadable = checkNumbers(values, form.mode);
    if (unreadable.length) return refuse(unreadable);

    const number = (name: FieldName) => wholeNumber(values[name]) ?? undefined;
    try {
      if (form.mode === 'staff')
        await recordView(
          { db, rules, today },
          {
            reference: form.reference,
            committee: values.committee,
            source: values.source === 'email' ? 'email' : 'meeting',
            meeting: number('meeting'),
            paper: optional(values.paper),
            item: number('item'),
            author: values.author,
            on: optional(values.on),
            classification: optional(values.classification),
            text: values.text,
            version: number('version'),
            by: { user },
          },
        );
      else
        await submitView(
          { db, rules, today },
          {
            user,
            reference: form.reference,
            committee: values.committee,
            text: values.text,
            classification: optional(values.classification),
            version: number('version'),
          },
        );
    } catch (error) {
      if (error instanceof ViewInputError)
        return refuse(
          error.problems.map((p) => ({ field: isFieldName(p.field) ? p.field : 'text', text: p.message })),
        );
      if (error instanceof ViewNotAllowedError)
        return html(reply, error.status, 'error.njk', { status: error.status, message: error.message });
      // the proposal went, or was hidden from this user, between the lookup and the transaction
      if (error instanceof ProposalNotFoundError) return reply.callNotFound();
      throw error;
    }
    return reply.redirect(`${proposalPath(form.reference)}?viewAdded=1#views`, 303);
  });

  app.get<{ Params: Params }>('/proposals/:ref/views', async (request, reply) => {
    const refused = staffRefusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    if (!user) return reply.callNotFound();
    const collated = await collateProposalViews({ db, rules }, { user, reference: request.params.ref });
    if (!collated) return reply.callNotFound();
    if (collated.reference !== request.params.ref)
      return reply.redirect(`${proposalPath(collated.reference)}/views`, 301);
    return html(reply, 200, 'views-proposal.njk', {
      collated,
      proposalPath: proposalPath(collated.reference),
      addHref: `${proposalPath(collated.reference)}/views/new`,
    });
  });

  app.get<{ Params: { ref: string; number: string }; Querystring: { paper?: unknown } }>(
    '/committees/:ref/meetings/:number/views',
    async (request, reply) => {
      const refused = staffRefusal(request, reply);
      if (refused) return refused;
      const user = request.user;
      const number = wholeNumber(request.params.number);
      if (!user || number === null) return reply.callNotFound();
      const paper = typeof request.query.paper === 'string' ? request.query.paper.slice(0, 100) : undefined;
      const collated = await collateMeetingViews(
        { db, rules },
        { user, committee: request.params.ref, number, paper },
      );
      if (!collated) return reply.callNotFound();
      const meetingPath = `/committees/${encodeURIComponent(collated.meeting.committee.ref)}/meetings/${collated.meeting.number}`;
      return html(reply, 200, 'views-meeting.njk', {
        collated,
        meetingPath,
        viewsPath: `${meetingPath}/views`,
      });
    },
  );

  registerViewsApiRoutes(app, { db, rules, today });
}
