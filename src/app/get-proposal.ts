// Finds one proposal, as the viewer may see it, with its people, impacts and history. A Draft Proposal
// keeps its number when it converts (DP090 became MP090), so either reference finds it; the caller
// compares `id` with what it asked for to send people on to the current reference.
import type { Viewer } from '../domain/access/visibility.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { Db } from '../db/connect.ts';
import {
  findVisibleProposalByReferences,
  listProposalEvents,
  listProposalImpacts,
} from '../db/proposals.repository.ts';
import type { OrganisationRef } from './list-proposals.ts';

export interface GetProposalDeps {
  db: Db;
  rules: RulesPack;
}

export interface GetProposalInput {
  viewer: Viewer;
  /** A reference as someone typed it: DP090, mp090, MP102A, SECMP0049. */
  reference: string;
}

export interface PersonRef {
  id: string;
  name: string;
  /** 'person' or 'team' (a team such as "SEC Change" can be the Lead Analyst). */
  kind: string;
  organisation: OrganisationRef | null;
}

export interface ProposalImpact {
  committee: string;
  committeeName: string;
  /** The committee's own heading ("Anticipated Operational Impacts"), else "Anticipated impacts on <name>". */
  heading: string;
  text: string;
}

export interface ProposalHistoryEntry {
  on: string;
  event: string;
  eventLabel: string;
  by: string | null;
  byName: string | null;
  release: string | null;
  releaseName: string | null;
  /** The event's own facts: outcome, consultation, closes... */
  facts: Readonly<Record<string, string>>;
}

export interface ProposalDetail {
  id: string;
  title: string;
  stage: string;
  stageLabel: string;
  path: string | null;
  pathLabel: string | null;
  raised: string;
  classification: string;
  classificationLabel: string;
  urgent: boolean;
  fastTrack: boolean;
  proposer: PersonRef;
  leadAnalyst: PersonRef | null;
  summary: string | null;
  problemStatement: string | null;
  impacts: ProposalImpact[];
  affectedDocuments: string[];
  impactedParties: string[];
  history: ProposalHistoryEntry[];
}

export async function getProposal(
  deps: GetProposalDeps,
  input: GetProposalInput,
): Promise<ProposalDetail | null> {
  const { db, rules } = deps;
  const references = candidateReferences(rules.register, input.reference);
  const scope = { codeId: rules.id, viewer: input.viewer };
  const rows = await findVisibleProposalByReferences(db, scope, references);
  const row = rows.find((r) => r.reference === references[0]) ?? rows[0];
  if (!row) return null;

  const impacts = await listProposalImpacts(db, row.id);
  const events = await listProposalEvents(db, row.id);
  const label = (list: readonly { slug: string; label: string }[], slug: string) =>
    list.find((item) => item.slug === slug)?.label ?? slug;

  return {
    id: row.reference,
    title: row.title,
    stage: row.stage,
    stageLabel: label(rules.lifecycle.stages, row.stage),
    path: row.path,
    pathLabel: row.path === null ? null : label(rules.lifecycle.paths, row.path),
    raised: row.raised,
    classification: row.classification,
    classificationLabel: label(rules.register.classifications, row.classification),
    urgent: row.urgent,
    fastTrack: row.fastTrack,
    proposer: {
      id: row.proposer.slug,
      name: row.proposer.name,
      kind: row.proposer.kind ?? 'person',
      organisation: {
        id: row.proposerOrganisation.slug,
        name: row.proposerOrganisation.name,
        shortName: row.proposerOrganisation.shortName,
      },
    },
    leadAnalyst: row.leadAnalyst
      ? {
          id: row.leadAnalyst.slug,
          name: row.leadAnalyst.name,
          kind: row.leadAnalyst.kind ?? 'person',
          organisation: row.leadAnalystOrganisation
            ? {
                id: row.leadAnalystOrganisation.slug,
                name: row.leadAnalystOrganisation.name,
                shortName: row.leadAnalystOrganisation.shortName,
              }
            : null,
        }
      : null,
    summary: row.summary,
    problemStatement: row.problemStatement,
    impacts: impacts.map((impact) => ({
      committee: impact.committee,
      committeeName: impact.committeeName,
      heading: impact.impactHeading ?? `Anticipated impacts on ${impact.committeeName}`,
      text: impact.text,
    })),
    affectedDocuments: row.affectedDocuments,
    impactedParties: row.impactedParties,
    history: events.map((event) => ({
      on: event.on,
      event: event.event,
      eventLabel: label(rules.lifecycle.events, event.event),
      by: event.by,
      byName: event.byName,
      release: event.release ?? event.facts.release ?? null,
      releaseName: event.releaseName,
      facts: inDeclaredOrder(
        event.facts,
        (rules.lifecycle.events.find((e) => e.slug === event.event)?.facts ?? []).map((f) => f.name),
      ),
    })),
  };
}

/** An event's facts in the order its definition lists them (JSONB keeps its own order), then any others. */
function inDeclaredOrder(
  facts: Readonly<Record<string, string>>,
  declared: readonly string[],
): Record<string, string> {
  const rank = (name: string) => (declared.includes(name) ? declared.indexOf(name) : declared.length);
  const names = Object.keys(facts).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(names.map((name) => [name, facts[name] ?? '']));
}
