// The staff form that records, for one meeting of a committee, whether the committee wants to give further input
// on proposals (yes, no or undecided): GET /committees/:ref/meetings/:number/following shows each proposal of
// the meeting's monthly papers and each the committee has decided on, with the decision held now, and a field to
// name any other proposal by its reference; POST to the same path records each decision that changed through
// the one use case (recordFollowing), as the signed-in user (the audit record names them), then sends the user
// back to the form (303), which says how many were recorded.
//
// Who: administrators and analysts (canCreatePapers: the secretariat records what meetings decide). The
// anonymous public is sent to sign in (303 to /sign-in?next=...), on GET and POST alike; a signed-in user without
// the role is refused (403). A meeting that is not in the register is not found (404), after those checks. The
// CSRF check (src/web/auth.ts) has already refused a POST without its token. Bad input answers 400 with the
// GOV.UK error summary naming the field, the values kept and nothing recorded.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listFollowingChoices, type FollowingChoices } from '../../app/list-following-choices.ts';
import {
  FOLLOWING_DECISIONS,
  FollowingInputError,
  FollowingNotFoundError,
  isFollowingDecision,
  recordFollowing,
} from '../../app/record-following.ts';
import type { Db } from '../../db/connect.ts';
import { canCreatePapers } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import { parseIsoDate } from '../../domain/calendar/iso-date.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { csrfToken } from '../auth.ts';
import type { Pages } from './register-pages.ts';

export interface FollowingPageDeps {
  db: Db;
  rules: RulesPack;
  pages: Pages;
}

type Params = { ref: string; number: string };
type Query = { recorded?: string };
const PATH = '/committees/:ref/meetings/:number/following';

const DECISION_TEXT: Record<(typeof FOLLOWING_DECISIONS)[number], string> = {
  yes: 'Yes',
  no: 'No',
  undecided: 'Undecided',
};

interface FieldError {
  field: string;
  text: string;
}

/** A single text field of a form body ('' when absent or repeated). */
function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

const decisionField = (reference: string) => `decision-${reference}`;

const presentErrors = (errors: readonly FieldError[]) => ({
  errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
  fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
});

export function registerFollowingPageRoutes(app: FastifyInstance, deps: FollowingPageDeps): void {
  const { db, rules, pages } = deps;

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
            'Only the code administrator’s staff (administrators and analysts) can record what a committee decided.',
        }),
      );
  }

  async function choicesFor(request: FastifyRequest<{ Params: Params }>): Promise<FollowingChoices | null> {
    const { ref, number } = request.params;
    if (!/^[1-9]\d{0,8}$/.test(number)) return null;
    return listFollowingChoices(
      { db, rules },
      { committee: ref, meeting: Number(number), viewer: viewerOf(request.user) },
    );
  }

  const meetingPath = (found: FollowingChoices) =>
    `/committees/${encodeURIComponent(found.meeting.committee.ref)}/meetings/${found.meeting.number}`;

  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    found: FollowingChoices,
    values: Record<string, string>,
    extra: Record<string, unknown> = {},
  ) {
    const base = meetingPath(found);
    const decisionItems = (name: string) =>
      FOLLOWING_DECISIONS.map((d) => ({ value: d, text: DECISION_TEXT[d], checked: values[name] === d }));
    const html = pages.render('following.njk', {
      meeting: found.meeting,
      meetingPath: base,
      action: `${base}/following`,
      choices: found.choices.map((c) => ({
        ...c,
        field: decisionField(c.reference),
        items: decisionItems(decisionField(c.reference)),
      })),
      otherItems: decisionItems('otherDecision'),
      values,
      csrfToken: csrfToken(request, reply),
      ...extra,
    });
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }

  app.get<{ Params: Params; Querystring: Query }>(PATH, async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const found = await choicesFor(request);
    if (!found) return reply.callNotFound();
    const values: Record<string, string> = { on: '', other: '', otherDecision: '' };
    for (const c of found.choices) values[decisionField(c.reference)] = c.decision ?? '';
    const recorded = /^\d{1,4}$/.test(request.query.recorded ?? '') ? Number(request.query.recorded) : null;
    const recordedText =
      recorded === null
        ? null
        : recorded === 0
          ? 'No decision changed'
          : `${recorded} ${recorded === 1 ? 'decision' : 'decisions'} recorded`;
    return send(request, reply, 200, found, values, { recordedText });
  });

  app.post<{ Params: Params }>(PATH, async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    const found = await choicesFor(request);
    if (!user || !found) return reply.callNotFound();
    const values: Record<string, string> = {
      on: field(request, 'on'),
      other: field(request, 'other'),
      otherDecision: field(request, 'otherDecision'),
    };
    for (const c of found.choices)
      values[decisionField(c.reference)] = field(request, decisionField(c.reference));
    const refuse = (errors: FieldError[]) => send(request, reply, 400, found, values, presentErrors(errors));

    const errors: FieldError[] = [];
    if (values.on)
      try {
        parseIsoDate(values.on);
      } catch {
        errors.push({ field: 'on', text: `Enter the day it was decided as YYYY-MM-DD, not "${values.on}".` });
      }
    if (values.other && !values.otherDecision)
      errors.push({ field: 'otherDecision', text: `Select the decision on ${values.other}.` });
    if (!values.other && values.otherDecision)
      errors.push({ field: 'other', text: 'Enter the reference of the proposal, such as DP090.' });
    for (const c of found.choices) {
      const v = values[decisionField(c.reference)] ?? '';
      if (v && !isFollowingDecision(v))
        errors.push({
          field: decisionField(c.reference),
          text: `Select yes, no or undecided for ${c.reference}.`,
        });
    }
    if (values.otherDecision && !isFollowingDecision(values.otherDecision))
      errors.push({ field: 'otherDecision', text: 'Select yes, no or undecided.' });
    if (errors.length) return refuse(errors);

    // what changed: the other proposal first, so a reference that is not found records nothing
    const decisions = [
      ...(values.other
        ? [{ proposal: values.other, decision: values.otherDecision ?? '', field: 'other' }]
        : []),
      ...found.choices.flatMap((c) => {
        const v = values[decisionField(c.reference)] ?? '';
        return v && v !== c.decision
          ? [{ proposal: c.reference, decision: v, field: decisionField(c.reference) }]
          : [];
      }),
    ];
    let recorded = 0;
    for (const d of decisions) {
      try {
        const result = await recordFollowing(
          { db, rules },
          {
            committee: found.meeting.committee.ref,
            meeting: found.meeting.number,
            proposal: d.proposal,
            decision: d.decision,
            on: values.on || undefined,
            actor: `user:${user.id}`,
            viewer: viewerOf(user),
          },
        );
        if (result.changed) recorded += 1;
      } catch (error) {
        if (error instanceof FollowingNotFoundError && error.field !== 'proposal')
          return reply.callNotFound();
        if (error instanceof FollowingInputError || error instanceof FollowingNotFoundError) {
          const at = error.field === 'on' ? 'on' : error.field === 'decision' ? d.field : 'other';
          return refuse([
            { field: at === 'other' && d.field !== 'other' ? d.field : at, text: error.message },
          ]);
        }
        throw error;
      }
    }
    return reply.redirect(`${meetingPath(found)}/following?recorded=${recorded}`, 303);
  });
}
