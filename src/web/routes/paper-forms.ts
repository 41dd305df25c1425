// The staff form that creates a meeting's monthly paper: GET /committees/:ref/meetings/:number/papers/new shows
// it, POST to the same path parses it, calls createPaper as the signed-in user (the audit record names them) and
// answers with a confirmation page (200) that names the paper, links to it and lists what the composer left out
// (proposals classified above the paper, an empty period): the author must read those before issuing it.
// The form asks for what `modgov paper new` takes; the committee and the meeting come from the path.
//
// Who: administrators and analysts (canCreatePapers). The anonymous public is sent to sign in (303 to
// /sign-in?next=...), on GET and POST alike; a signed-in user without the role is refused (403). A meeting that
// is not in the register is not found (404), after those checks. The CSRF check (src/web/auth.ts) has already
// refused a POST without its token. Validation errors answer 400 with the GOV.UK error summary, the values
// kept and nothing stored; a reference already used answers 409, naming it.
import { canSeePaper, viewerOf } from '../../domain/access/visibility.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  COMPOSABLE_PAPER_TYPES,
  DuplicatePaperError,
  PaperInputError,
  createPaper,
  type CreatePaperResult,
} from '../../app/create-paper.ts';
import { getMeeting, type MeetingDetail } from '../../app/get-meeting.ts';
import type { Db } from '../../db/connect.ts';
import { canCreatePapers } from '../../domain/access/can.ts';
import { paperReference } from '../../domain/papers/paper-reference.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { csrfToken } from '../auth.ts';
import { paperLinks } from './meeting-pages.ts';
import type { Pages } from './register-pages.ts';

export interface PaperFormDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

type ComposableType = (typeof COMPOSABLE_PAPER_TYPES)[number];

/** What each type of paper the form can create is called on it (a new composable type must be named here). */
const TYPE_LABELS: Record<ComposableType, { text: string; hint: string }> = {
  new_proposals_summary: {
    text: 'Monthly summary of new proposals',
    hint: 'The Draft Proposals raised, and those converted to Modification Proposals, in the period.',
  },
};

/** The form's fields, as typed: every one a string, so a refused form comes back as it was sent. */
const FIELDS = [
  'type',
  'item',
  'date',
  'from',
  'to',
  'reference',
  'title',
  'action',
  'classification',
  'author',
] as const;
type FieldName = (typeof FIELDS)[number];
type FormValues = Record<FieldName, string>;

interface FieldError {
  field: FieldName;
  text: string;
}

type Params = { ref: string; number: string };
const PATH = '/committees/:ref/meetings/:number/papers/new';

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

/** What the form is missing or cannot read before the use case sees it; the use case checks the rest. */
function checkForm(values: FormValues): FieldError[] {
  const errors: FieldError[] = [];
  if (!values.type) errors.push({ field: 'type', text: 'Select the type of paper.' });
  if (!values.item) errors.push({ field: 'item', text: 'Enter the agenda item number.' });
  else if (!/^[1-9]\d{0,5}$/.test(values.item))
    errors.push({
      field: 'item',
      text: `The agenda item must be a whole number from 1, such as 16, not "${values.item}".`,
    });
  const dates = [
    ['date', 'the paper’s date'],
    ['from', 'the first day of the period'],
    ['to', 'the last day of the period'],
  ] as const;
  for (const [name, what] of dates)
    if (!values[name]) errors.push({ field: name, text: `Enter ${what}, as YYYY-MM-DD.` });
  return errors;
}

export function registerPaperFormRoutes(app: FastifyInstance, deps: PaperFormDeps): void {
  const { db, rules, today, pages } = deps;
  const { classifications, paperActions } = rules.register;
  const lowestClassification = classifications[0]?.slug ?? '';
  const defaultAction = paperActions.some((a) => a.slug === 'for_discussion')
    ? 'for_discussion'
    : (paperActions[0]?.slug ?? '');
  const labelOf = (list: readonly { slug: string; label: string }[], slug: string) =>
    list.find((x) => x.slug === slug)?.label ?? slug;

  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    context: Record<string, unknown>,
  ) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(pages.render('paper-new.njk', { ...context, csrfToken: csrfToken(request, reply) }));

  /** Sends the refusal when this request may not use the form; null when it may. */
  function refusal(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
    if (!request.user) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    if (canCreatePapers(request.user)) return null;
    return reply
      .code(403)
      .type('text/html; charset=utf-8')
      .send(
        pages.render('error.njk', {
          status: 403,
          message:
            'Only the code administrator’s staff (administrators and analysts) can create committee papers.',
        }),
      );
  }

  /** The meeting in the path as this user sees it, or null when the register holds no such meeting. */
  async function findMeetingFor(request: FastifyRequest<{ Params: Params }>): Promise<MeetingDetail | null> {
    const { ref, number } = request.params;
    if (!/^[1-9]\d{0,8}$/.test(number)) return null;
    return getMeeting(
      { db, rules },
      { viewer: viewerOf(request.user), committee: ref, number: Number(number) },
    );
  }

  const meetingPath = (meeting: MeetingDetail) =>
    `/committees/${encodeURIComponent(meeting.committee.ref)}/meetings/${meeting.number}`;

  /** What the form template needs besides the values and errors. */
  function formContext(meeting: MeetingDetail) {
    const base = meetingPath(meeting);
    const items = [...new Set(meeting.papers.map((p) => p.item).filter((i) => i !== null))];
    return {
      meeting,
      meetingPath: base,
      action: `${base}/papers/new`,
      types: COMPOSABLE_PAPER_TYPES.map((slug) => ({
        value: slug,
        text: TYPE_LABELS[slug].text,
        hint: { text: TYPE_LABELS[slug].hint },
      })),
      actions: paperActions.map((a) => ({ value: a.slug, text: a.label })),
      classifications: classifications.map((c) => ({ value: c.slug, text: c.label })),
      lowestClassification: labelOf(classifications, lowestClassification),
      defaultTitle: rules.papers.newProposalsSummary.defaultTitle,
      exampleReference: paperReference({
        committee: meeting.committee.ref,
        meeting: meeting.number,
        meetingDate: meeting.date,
        item: 16,
      }),
      itemsTaken: items.sort((a, b) => a - b).join(', '),
      today: today(),
    };
  }

  const blankForm = (): FormValues => ({
    type: COMPOSABLE_PAPER_TYPES[0],
    item: '',
    date: today(),
    from: '',
    to: '',
    reference: '',
    title: '',
    action: defaultAction,
    classification: lowestClassification,
    author: '',
  });

  app.get<{ Params: Params }>(PATH, async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const meeting = await findMeetingFor(request);
    if (!meeting) return reply.callNotFound();
    return send(request, reply, 200, { ...formContext(meeting), values: blankForm() });
  });

  app.post<{ Params: Params }>(PATH, async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    const meeting = await findMeetingFor(request);
    if (!user || !meeting) return reply.callNotFound();
    const values = Object.fromEntries(
      FIELDS.map((name) => [name, field(request, name).trim()]),
    ) as FormValues;
    const refuse = (status: number, errors: FieldError[]) =>
      send(request, reply, status, { ...formContext(meeting), values, ...presentErrors(errors) });

    const errors = checkForm(values);
    if (errors.length) return refuse(400, errors);
    const optional = (value: string) => value || undefined;
    let created: CreatePaperResult;
    try {
      created = await createPaper(
        { db, rules },
        {
          type: values.type,
          committee: meeting.committee.ref,
          meeting: meeting.number,
          item: Number(values.item),
          date: values.date,
          period: { from: values.from, to: values.to },
          reference: optional(values.reference),
          title: optional(values.title),
          action: optional(values.action),
          classification: optional(values.classification),
          author: optional(values.author),
          actor: 'analyst',
          actorName: `user:${user.id}`,
        },
      );
    } catch (error) {
      if (error instanceof DuplicatePaperError)
        return refuse(error.status, [
          {
            field: values.reference ? 'reference' : 'item',
            text: `There is already a paper ${error.reference} in the register. Choose another agenda item, or give another reference.`,
          },
        ]);
      if (error instanceof PaperInputError) {
        // the meeting went from the register between the lookup and the transaction
        if (error.field === 'meeting') return reply.callNotFound();
        const at = isFieldName(error.field) ? error.field : 'type';
        return refuse(error.status, [{ field: at, text: error.message }]);
      }
      throw error;
    }

    const classification = values.classification || lowestClassification;
    const links = paperLinks(created.reference);
    return send(request, reply, 200, {
      meeting,
      meetingPath: meetingPath(meeting),
      created: {
        reference: created.reference,
        title: values.title || rules.papers.newProposalsSummary.defaultTitle,
        classification: labelOf(classifications, classification),
        // the author sees it on the site if the policy lets them (staff: up to Amber; Red only when named)
        published: canSeePaper(viewerOf(request.user), {
          classification,
          committeeRef: meeting.committee.ref,
          recipientUserIds: [],
        }),
        notices: created.notices,
        page: links[0],
        downloads: links.slice(1),
      },
    });
  });
}
