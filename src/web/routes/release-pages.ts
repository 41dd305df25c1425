// The release schedule: releases, their dates and the proposals in each (stub).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import type { Pages } from './register-pages.ts';

export interface ReleaseDeps {
  db: Db;
  rules: RulesPack;
  today: () => string;
  pages: Pages;
}

export function registerReleaseRoutes(_app: FastifyInstance, _deps: ReleaseDeps): void {}
