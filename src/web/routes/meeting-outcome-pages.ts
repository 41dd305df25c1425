// The staff form that records what a meeting decided: GET /committees/:ref/meetings/:number/outcomes shows each
// agenda item of the meeting's papers (and any other item already recorded) with an outcome (noted, agreed,
// deferred) and notes, a field for any other item number, and the meeting's actions; POST to the same path
// records each outcome that changed (recordAgendaOutcome). POST /committees/:ref/meetings/:number/actions adds an
// action (addMeetingAction): its text, owner (a user's e-mail address, or a name), item and due date. POST
// /actions/:id/done marks an action done (completeMeetingAction), today unless a day is given. Each sends the
// user back to the form (303), saying what was done; "Mark done" on the workspace sends `returnTo=/workspace`
// and goes back there (`?done=<id>`) instead: only a path of DONE_RETURN_PATHS is followed, anything else is
// ignored (no open redirect).
//
// Who: administrators and analysts (canCreatePapers: the secretariat records what meetings decide). The
// anonymous public is sent to sign in (303 to /sign-in?next=...); a signed-in user without the role is refused
// (403). A meeting or action not in the register is not found (404), after those checks. The CSRF check
// (src/web/auth.ts) has already refused a POST without its token. Bad input answers 400 with the GOV.UK error
// summary naming the field, the values kept and nothing recorded. The outcomes and actions themselves are
// White committee business, shown to everyone on the meeting's page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addMeetingAction } from '../../app/add-meeting-action.ts';
import { completeMeetingAction } from '../../app/complete-meeting-action.ts';
import { getMeeting, type MeetingDetail } from '../../app/get-meeting.ts';
import { listMeetingOutcomes, type MeetingOutcomes } from '../../app/list-meeting-outcomes.ts';
import {
  AGENDA_OUTCOME_LABELS,
  AGENDA_OUTCOMES,
  isAgendaOutcome,
  MeetingDecisionInputError,
  MeetingDecisionNotFoundError,
  recordAgendaOutcome,
} from '../../app/record-agenda-outcome.ts';
import type { Db } from '../../db/connect.ts';
import { canCreatePapers } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { csrfToken } from '../auth.ts';
import type { Pages } from './register-pages.ts';

export interface MeetingOutcomePageDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

type Params = { ref: string; number: string };
type Query = { recorded?: string; added?: string; done?: string };
const PATH = '/committees/:ref/meetings/:number/outcomes';

interface FieldError {
  field: string;
  text: string;
}

function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

const presentErrors = (errors: readonly FieldError[]) => ({
  errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
  fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
});

const ITEM = /^[1-9]\d{0,2}$/;

/** The pages other than the meeting's form that offer "Mark done" and get the user back (`returnTo`). */
const DONE_RETURN_PATHS: ReadonlySet<string> = new Set(['/workspace']);

export function registerMeetingOutcomeRoutes(app: FastifyInstance, deps: MeetingOutcomePageDeps): void {
  const { db, rules, today, pages } = deps;

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
            'Only the code administrator’s staff (administrators and analysts) can record what a meeting decided.',
        }),
      );
  }

  interface Found {
    meeting: MeetingDetail;
    decided: MeetingOutcomes;
    /** The agenda items the form offers: those of the papers, and any other already recorded. */
    items: { number: number; titles: string[] }[];
  }

  async function find(request: FastifyRequest<{ Params: Params }>): Promise<Found | null> {
    const { ref, number } = request.params;
    if (!/^[1-9]\d{0,8}$/.test(number)) return null;
    const meeting = await getMeeting(
      { db, rules },
      { viewer: viewerOf(request.user), committee: ref, number: Number(number) },
    );
    if (!meeting) return null;
    const decided = await listMeetingOutcomes({ db, rules }, { committee: ref, meeting: meeting.number });
    if (!decided) return null;
    const items = new Map<number, string[]>();
    for (const p of meeting.papers)
      if (p.item !== null && p.type !== rules.agenda.paperType)
        items.set(p.item, [...(items.get(p.item) ?? []), p.title]);
    for (const o of decided.outcomes) if (!items.has(o.item)) items.set(o.item, []);
    return {
      meeting,
      decided,
      items: [...items.entries()].sort(([a], [b]) => a - b).map(([n, titles]) => ({ number: n, titles })),
    };
  }

  const meetingPath = (m: MeetingDetail) =>
    `/committees/${encodeURIComponent(m.committee.ref)}/meetings/${m.number}`;

  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    found: Found,
    values: Record<string, string>,
    extra: Record<string, unknown> = {},
  ) {
    const base = meetingPath(found.meeting);
    const outcomeItems = (name: string) =>
      AGENDA_OUTCOMES.map((o) => ({ value: o, text: AGENDA_OUTCOME_LABELS[o], checked: values[name] === o }));
    const html = pages.render('meeting-outcomes.njk', {
      meeting: found.meeting,
      meetingPath: base,
      action: `${base}/outcomes`,
      actionsAction: `${base}/actions`,
      items: found.items.map((i) => ({
        ...i,
        field: `outcome-${i.number}`,
        notesField: `notes-${i.number}`,
        radios: outcomeItems(`outcome-${i.number}`),
      })),
      otherRadios: outcomeItems('otherOutcome'),
      actions: found.decided.actions,
      values,
      csrfToken: csrfToken(request, reply),
      ...extra,
    });
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }

  const emptyActionValues = { actionItem: '', text: '', owner: '', dueOn: '' };
  function outcomeValues(found: Found): Record<string, string> {
    const values: Record<string, string> = { otherItem: '', otherOutcome: '', otherNotes: '' };
    for (const i of found.items) {
      const o = found.decided.outcomes.find((x) => x.item === i.number);
      values[`outcome-${i.number}`] = o?.outcome ?? '';
      values[`notes-${i.number}`] = o?.notes ?? '';
    }
    return values;
  }

  app.get<{ Params: Params; Querystring: Query }>(PATH, async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const found = await find(request);
    if (!found) return reply.callNotFound();
    const q = request.query;
    const count = (v: string | undefined) => (/^\d{1,4}$/.test(v ?? '') ? Number(v) : null);
    const recorded = count(q.recorded);
    const doneText =
      recorded !== null
        ? recorded === 0
          ? 'No outcome changed'
          : `${recorded} ${recorded === 1 ? 'outcome' : 'outcomes'} recorded`
        : q.added === '1'
          ? 'Action added'
          : q.done === '1'
            ? 'Action marked done'
            : null;
    return send(request, reply, 200, found, { ...outcomeValues(found), ...emptyActionValues }, { doneText });
  });

  app.post<{ Params: Params }>(PATH, async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    const found = await find(request);
    if (!user || !found) return reply.callNotFound();
    const values: Record<string, string> = {
      ...emptyActionValues,
      otherItem: field(request, 'otherItem'),
      otherOutcome: field(request, 'otherOutcome'),
      otherNotes: field(request, 'otherNotes'),
    };
    for (const i of found.items) {
      values[`outcome-${i.number}`] = field(request, `outcome-${i.number}`);
      values[`notes-${i.number}`] = field(request, `notes-${i.number}`);
    }
    const errors: FieldError[] = [];
    const wanted: { item: number; outcome: string; notes: string; field: string }[] = [];
    for (const i of found.items) {
      const outcome = values[`outcome-${i.number}`] ?? '';
      const notes = values[`notes-${i.number}`] ?? '';
      if (outcome && !isAgendaOutcome(outcome))
        errors.push({
          field: `outcome-${i.number}`,
          text: `Select noted, agreed or deferred for item ${i.number}.`,
        });
      else if (!outcome && notes)
        errors.push({ field: `outcome-${i.number}`, text: `Select the outcome of item ${i.number}.` });
      else if (outcome) wanted.push({ item: i.number, outcome, notes, field: `outcome-${i.number}` });
    }
    if (values.otherItem || values.otherOutcome || values.otherNotes) {
      if (!ITEM.test(values.otherItem ?? ''))
        errors.push({ field: 'otherItem', text: 'Enter the agenda item as a whole number from 1 to 999.' });
      if (!isAgendaOutcome(values.otherOutcome ?? ''))
        errors.push({ field: 'otherOutcome', text: 'Select noted, agreed or deferred.' });
      if (!errors.length)
        wanted.push({
          item: Number(values.otherItem),
          outcome: values.otherOutcome ?? '',
          notes: values.otherNotes ?? '',
          field: 'otherOutcome',
        });
    }
    if (errors.length) return send(request, reply, 400, found, values, presentErrors(errors));

    let recorded = 0;
    for (const w of wanted) {
      const before = found.decided.outcomes.find((o) => o.item === w.item);
      if (before && before.outcome === w.outcome && (before.notes ?? '') === w.notes) continue;
      try {
        const result = await recordAgendaOutcome(
          { db, rules },
          {
            committee: found.meeting.committee.ref,
            meeting: found.meeting.number,
            item: w.item,
            outcome: w.outcome,
            notes: w.notes,
            actor: `user:${user.id}`,
          },
        );
        if (result.changed) recorded += 1;
      } catch (error) {
        if (error instanceof MeetingDecisionNotFoundError) return reply.callNotFound();
        if (error instanceof MeetingDecisionInputError)
          return send(
            request,
            reply,
            400,
            found,
            values,
            presentErrors([
              { field: error.field === 'notes' ? `notes-${w.item}` : w.field, text: error.message },
            ]),
          );
        throw error;
      }
    }
    return reply.redirect(`${meetingPath(found.meeting)}/outcomes?recorded=${recorded}`, 303);
  });

  app.post<{ Params: Params }>('/committees/:ref/meetings/:number/actions', async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    const found = await find(request);
    if (!user || !found) return reply.callNotFound();
    const values: Record<string, string> = {
      ...outcomeValues(found),
      actionItem: field(request, 'actionItem'),
      text: field(request, 'text'),
      owner: field(request, 'owner'),
      dueOn: field(request, 'dueOn'),
    };
    if (values.actionItem && !ITEM.test(values.actionItem))
      return send(
        request,
        reply,
        400,
        found,
        values,
        presentErrors([
          { field: 'actionItem', text: 'Enter the agenda item as a whole number from 1 to 999.' },
        ]),
      );
    try {
      await addMeetingAction(
        { db, rules },
        {
          committee: found.meeting.committee.ref,
          meeting: found.meeting.number,
          item: values.actionItem ? Number(values.actionItem) : undefined,
          text: values.text ?? '',
          owner: values.owner ?? '',
          dueOn: values.dueOn || undefined,
          actor: `user:${user.id}`,
        },
      );
    } catch (error) {
      if (error instanceof MeetingDecisionNotFoundError) return reply.callNotFound();
      if (error instanceof MeetingDecisionInputError) {
        const at = error.field === 'item' ? 'actionItem' : error.field;
        return send(request, reply, 400, found, values, presentErrors([{ field: at, text: error.message }]));
      }
      throw error;
    }
    return reply.redirect(`${meetingPath(found.meeting)}/outcomes?added=1`, 303);
  });

  app.post<{ Params: { id: string } }>('/actions/:id/done', async (request, reply) => {
    const refused = refusal(request, reply);
    if (refused) return refused;
    const user = request.user;
    if (!user || !/^[1-9]\d{0,8}$/.test(request.params.id)) return reply.callNotFound();
    const on = field(request, 'on') || today();
    const returnTo = field(request, 'returnTo');
    try {
      const done = await completeMeetingAction(
        { db, rules, today },
        { id: Number(request.params.id), on, actor: `user:${user.id}` },
      );
      // back where the button was: a page of the allow-list (never a URL from the form), else the meeting's form
      if (DONE_RETURN_PATHS.has(returnTo)) return reply.redirect(`${returnTo}?done=${done.id}`, 303);
      return reply.redirect(
        `/committees/${encodeURIComponent(done.committee)}/meetings/${done.meeting}/outcomes?done=1`,
        303,
      );
    } catch (error) {
      if (error instanceof MeetingDecisionNotFoundError) return reply.callNotFound();
      if (error instanceof MeetingDecisionInputError)
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(pages.render('error.njk', { status: 400, message: error.message }));
      throw error;
    }
  });
}
