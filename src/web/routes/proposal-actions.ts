// Recording a lifecycle event from a proposal's page: `POST /proposals/:ref/events` (the "Record an event" form;
// the API's `POST /api/v1/proposals/:ref/events` is in proposals-api.ts). The route parses the form, calls
// recordProposalEvent, which enforces who may record what (never trusting what the form offered), and sends
// the browser back to the page with a notice; a refused form is the page again with a GOV.UK error summary.
// The CSRF check has already run (src/web/auth.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listRecordableEvents, StoredHistoryError } from '../../app/list-recordable-events.ts';
import {
  EventInputError,
  EventNotAllowedError,
  recordProposalEvent,
} from '../../app/record-proposal-event.ts';
import {
  ProposalNotFoundError,
  TransitionInputError,
  TransitionRefusedError,
} from '../../app/transition-proposal.ts';
import type { Db } from '../../db/connect.ts';
import { findEvent } from '../../domain/lifecycle/lifecycle-engine.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { FACT_LABELS, recordFieldName, type FieldError, type FormValues } from './presenters.ts';
import { renderProposalPage, type Pages } from './register-pages.ts';

export interface ProposalActionDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  now: () => Date;
  pages: Pages;
}

/** The form's single-valued fields, without the CSRF token. */
function formValues(request: FastifyRequest): FormValues {
  const body = request.body;
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(
      (entry): entry is [string, string] => entry[0] !== '_csrf' && typeof entry[1] === 'string',
    ),
  );
}

/** A GOV.UK date input's day, month and year as YYYY-MM-DD; '' when all are blank; null when not numbers. */
function dateFromParts(values: FormValues, prefix: string): string | null {
  const [day, month, year] = ['day', 'month', 'year'].map((part) =>
    (values[`${prefix}-${part}`] ?? '').trim(),
  );
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day ?? '') || !/^\d{1,2}$/.test(month ?? '') || !/^\d{4}$/.test(year ?? ''))
    return null;
  return `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
}

interface ParsedForm {
  event: string;
  on: string;
  by: string | undefined;
  facts: Record<string, string>;
  errors: FieldError[];
}

/** The form as the use case's input. Only the chosen event's fields are read; the use case checks the rest. */
function parseRecordForm(values: FormValues, rules: RulesPack): ParsedForm {
  const errors: FieldError[] = [];
  const event = (values.event ?? '').trim();
  if (!event) errors.push({ field: 'event', text: 'Select what happened.' });
  const on = dateFromParts(values, 'on');
  if (on === '') errors.push({ field: 'on', text: 'Enter the date it happened.' });
  if (on === null) errors.push({ field: 'on', text: 'The date it happened must be a real date.' });

  const facts: Record<string, string> = {};
  for (const fact of findEvent(rules.lifecycle, event)?.facts ?? []) {
    const name = recordFieldName(event, fact.name);
    const value = fact.kind === 'date' && !fact.values ? dateFromParts(values, name) : values[name]?.trim();
    if (value === null)
      errors.push({ field: `facts.${fact.name}`, text: `${FACT_LABELS[fact.name]} must be a real date.` });
    else if (value) facts[fact.name] = value;
  }
  const by = values[recordFieldName(event, 'by')]?.trim() || undefined;
  return { event, on: on ?? '', by, facts, errors };
}

export function registerProposalActionRoutes(app: FastifyInstance, deps: ProposalActionDeps): void {
  const { db, rules, today } = deps;

  app.post<{ Params: { ref: string } }>('/proposals/:ref/events', async (request, reply) => {
    const values = formValues(request);
    const refused = (status: number, errors: readonly FieldError[]) =>
      renderProposalPage(deps, request, reply, { reference: request.params.ref, status, values, errors });

    const user = request.user;
    // the public records nothing; a proposal hidden from them is still 404 (the page answers as for a GET)
    if (!user) return refused(403, [{ field: 'event', text: 'Sign in to record an event on a proposal.' }]);
    const recordable = await listRecordableEvents({ db, rules }, { user, reference: request.params.ref });
    if (!recordable) return reply.callNotFound();

    const form = parseRecordForm(values, rules);
    // an event the user may not record is refused as such (403), whatever else is wrong with the form
    const offered = recordable.events.some((e) => e.event === form.event);
    if (form.errors.length > 0 && (offered || !form.event)) return refused(400, form.errors);
    try {
      const result = await recordProposalEvent(
        { db, rules, today },
        {
          user,
          reference: recordable.reference,
          event: form.event,
          on: form.on,
          by: form.by,
          facts: form.facts,
        },
      );
      const page = `/proposals/${encodeURIComponent(result.reference)}`;
      return await reply.redirect(`${page}?recorded=${encodeURIComponent(form.event)}`, 303);
    } catch (error) {
      if (error instanceof ProposalNotFoundError) return reply.callNotFound();
      if (error instanceof EventNotAllowedError)
        return refused(error.status, [{ field: 'event', text: error.message }]);
      if (error instanceof TransitionRefusedError)
        return refused(error.status, [
          { field: 'event', text: `This cannot be recorded now. ${error.message}` },
        ]);
      if (error instanceof EventInputError)
        return refused(
          error.status,
          error.problems.map((p) => ({ field: p.field, text: p.message })),
        );
      if (error instanceof TransitionInputError)
        return refused(error.status, [{ field: error.field, text: error.message }]);
      if (error instanceof StoredHistoryError)
        return refused(error.status, [{ field: 'event', text: error.message }]);
      throw error;
    }
  });
}
