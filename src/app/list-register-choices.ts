// What the register can be filtered by, for the viewer: stages, paths and impacted parties from the rules
// pack; committees and releases of the code; and only the proposer organisations and affected documents of
// proposals the viewer may see, so a choice never gives a hidden proposal away. Working those two out reads
// every visible proposal, which costs more than the register page itself, so the page keeps the choices for a
// few seconds per viewer (a ChoicesCache): a new document reaches the list that much later, and the list only
// ever holds what that same viewer could see a moment ago.
import type { Viewer } from '../domain/access/visibility.ts';
import type { Labelled, RulesPack } from '../domain/rules-pack.ts';
import type { Db } from '../db/connect.ts';
import {
  listCodeCommittees,
  listCodeReleases,
  listVisibleAffectedDocuments,
  listVisibleProposerOrganisations,
} from '../db/register-choices.repository.ts';

export interface RegisterChoices {
  stages: Labelled[];
  paths: Labelled[];
  committees: { ref: string; name: string }[];
  organisations: { id: string; name: string; shortName: string | null }[];
  affectedDocuments: string[];
  /** Slugs: the rules pack's vocabulary. */
  impactedParties: string[];
  releases: { ref: string; name: string; date: string }[];
}

/** Choices kept per viewer for a short time. */
export interface ChoicesCache {
  get(key: string): RegisterChoices | undefined;
  set(key: string, choices: RegisterChoices): void;
}

/** A cache that forgets an entry `ttlMs` after it was set (by `now`, in ms), holding at most `maxEntries`. */
export function createChoicesCache(options: {
  ttlMs: number;
  now: () => number;
  maxEntries?: number;
}): ChoicesCache {
  const entries = new Map<string, { at: number; choices: RegisterChoices }>();
  const max = options.maxEntries ?? 500;
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (options.now() - entry.at < options.ttlMs) return entry.choices;
      entries.delete(key);
      return undefined;
    },
    set(key, choices) {
      entries.delete(key);
      if (entries.size >= max) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { at: options.now(), choices });
    },
  };
}

export async function listRegisterChoices(
  deps: { db: Db; rules: RulesPack; cache?: ChoicesCache | undefined },
  input: { viewer: Viewer },
): Promise<RegisterChoices> {
  const { db, rules, cache } = deps;
  // who the viewer is, as the policy sees them: the same key is the same visible register
  const key = `${rules.id} ${JSON.stringify(input.viewer)}`;
  const kept = cache?.get(key);
  if (kept) return kept;
  const scope = { codeId: rules.id, viewer: input.viewer };
  const [committees, releases, organisations, affectedDocuments] = await Promise.all([
    listCodeCommittees(db, rules.id),
    listCodeReleases(db, rules.id),
    listVisibleProposerOrganisations(db, scope),
    listVisibleAffectedDocuments(db, scope),
  ]);
  const choices: RegisterChoices = {
    stages: rules.lifecycle.stages.map((s) => ({ slug: s.slug, label: s.label })),
    paths: rules.lifecycle.paths.map((p) => ({ slug: p.slug, label: p.label })),
    committees,
    organisations: organisations.map((o) => ({ id: o.slug, name: o.name, shortName: o.shortName })),
    affectedDocuments,
    impactedParties: [...rules.register.impactedParties],
    releases,
  };
  cache?.set(key, choices);
  return choices;
}
