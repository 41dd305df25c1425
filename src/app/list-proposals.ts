// Lists one page of the register as the viewer may see it: the web page, the REST API and the CLI share it.
import type { Viewer } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { Db } from '../db/connect.ts';
import { countVisibleProposals, listVisibleProposals } from '../db/proposals.repository.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface ListProposalsDeps {
  db: Db;
  rules: RulesPack;
}

export interface ListProposalsInput {
  viewer: Viewer;
  /** 1-based. */
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface OrganisationRef {
  id: string;
  name: string;
  shortName: string | null;
}

export interface ProposalListItem {
  id: string;
  title: string;
  stage: string;
  stageLabel: string;
  path: string | null;
  pathLabel: string | null;
  raised: string;
  proposer: { id: string; name: string; organisation: OrganisationRef };
}

export interface ProposalPage {
  items: ProposalListItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export async function listProposals(
  deps: ListProposalsDeps,
  input: ListProposalsInput,
): Promise<ProposalPage> {
  const { db, rules } = deps;
  const page = Math.max(1, Math.trunc(input.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(input.pageSize ?? DEFAULT_PAGE_SIZE)));
  const scope = { codeId: rules.id, viewer: input.viewer };

  const total = await countVisibleProposals(db, scope);
  const rows =
    (page - 1) * pageSize < total
      ? await listVisibleProposals(db, scope, { limit: pageSize, offset: (page - 1) * pageSize })
      : [];

  const stageLabels = new Map(rules.lifecycle.stages.map((s) => [s.slug, s.label]));
  const pathLabels = new Map(rules.lifecycle.paths.map((p) => [p.slug, p.label]));
  return {
    items: rows.map((row) => ({
      id: row.reference,
      title: row.title,
      stage: row.stage,
      stageLabel: stageLabels.get(row.stage) ?? row.stage,
      path: row.path,
      pathLabel: row.path === null ? null : (pathLabels.get(row.path) ?? row.path),
      raised: row.raised,
      proposer: {
        id: row.proposer.slug,
        name: row.proposer.name,
        organisation: {
          id: row.proposerOrganisation.slug,
          name: row.proposerOrganisation.name,
          shortName: row.proposerOrganisation.shortName,
        },
      },
    })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}
