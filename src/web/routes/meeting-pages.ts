// Committee meetings and their papers, for the anonymous public: every meeting (/meetings), a committee's
// meetings (/committees/:ref), one meeting with its papers (/committees/:ref/meetings/:number), and each paper
// as a page (/papers/:reference) and as files (/papers/:reference.txt, .md, .html, .docx, .pdf). A paper the
// public may not see is not listed and not served: it is not found. Read-only: creating the monthly paper is
// for staff, once there are accounts.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PaperNotFoundError } from '../../app/compose-paper.ts';
import { COMPOSABLE_PAPER_TYPES } from '../../app/create-paper.ts';
import {
  getCommitteeMeetings,
  getMeeting,
  listAllMeetings,
  type MeetingDeps,
} from '../../app/get-meeting.ts';
import {
  DOWNLOAD_FORMATS,
  formatExtension,
  formatOfExtension,
  renderPaper,
  renderPaperModel,
  type DownloadFormat,
  type PaperFormat,
  type RenderedPaper,
} from '../../app/render-paper.ts';
import { buildMeetingPack } from '../../app/build-meeting-pack.ts';
import { composeAgenda, MeetingNotFoundError } from '../../app/compose-agenda.ts';
import { listCommitteeMembers } from '../../app/list-committee-members.ts';
import { listFollowedProposals } from '../../app/list-followed-proposals.ts';
import { listMeetingOutcomes } from '../../app/list-meeting-outcomes.ts';
import { canCreatePapers } from '../../domain/access/can.ts';
import { viewerOf } from '../../domain/access/visibility.ts';
import type { Pages } from './register-pages.ts';

export interface MeetingPageDeps {
  db: MeetingDeps['db'];
  rules: MeetingDeps['rules'];
  pages: Pages;
}

const FORMAT_LABELS: Record<DownloadFormat, string> = {
  text: 'Text',
  md: 'Markdown',
  html: 'HTML',
  docx: 'Word',
  pdf: 'PDF',
};

/** A paper's page and its files, as links: the page first, then one per format. */
export function paperLinks(reference: string): { text: string; href: string; format: string | null }[] {
  const base = `/papers/${encodeURIComponent(reference)}`;
  return [
    { text: 'View', href: base, format: null },
    ...DOWNLOAD_FORMATS.map((format) => ({
      text: FORMAT_LABELS[format],
      href: `${base}.${formatExtension(format)}`,
      format: formatExtension(format),
    })),
  ];
}

/** `OPSG_26_0511_16.pdf` -> the reference and the format; `OPSG_26_0511_16` -> the page; else null. */
function parsePaperPath(file: string): { reference: string; format: DownloadFormat | null } | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)(?:\.([A-Za-z]+))?$/.exec(file);
  if (!m?.[1]) return null;
  if (m[2] === undefined) return { reference: m[1], format: null };
  const format = formatOfExtension(m[2]);
  return format ? { reference: m[1], format } : null;
}

function sendHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(html);
}

/**
 * The standalone HTML carries its own stylesheet in a `<style>` element, which the site's policy (no inline
 * style) would block when a browser shows the file: allow that one stylesheet, by its hash, and nothing else.
 */
function standaloneHtmlPolicy(html: string): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  const styleSrc = style
    ? `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`
    : "style-src 'none'";
  return `default-src 'none'; ${styleSrc}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

export function registerMeetingPageRoutes(app: FastifyInstance, deps: MeetingPageDeps): void {
  const { db, rules, pages } = deps;

  /** The paper, or null when there is none this viewer may see. */
  async function visiblePaper(
    request: FastifyRequest,
    reference: string,
    format: PaperFormat,
  ): Promise<RenderedPaper | null> {
    try {
      return await renderPaper({ db, rules }, { reference, format, viewer: viewerOf(request.user) });
    } catch (error) {
      if (error instanceof PaperNotFoundError) return null;
      throw error;
    }
  }

  app.get('/meetings', async (_request, reply) => {
    const meetings = await listAllMeetings({ db, rules });
    return sendHtml(reply, pages.render('committee.njk', { committee: null, meetings }));
  });

  app.get<{ Params: { ref: string } }>('/committees/:ref', async (request, reply) => {
    const found = await getCommitteeMeetings({ db, rules }, { committee: request.params.ref });
    if (!found) return reply.callNotFound();
    const members = await listCommitteeMembers({ db, rules }, { committee: found.committee.ref });
    return sendHtml(
      reply,
      pages.render('committee.njk', {
        ...found,
        members,
        following: await listFollowedProposals(
          { db, rules },
          { committee: found.committee.ref, viewer: viewerOf(request.user) },
        ),
      }),
    );
  });

  app.get<{ Params: { ref: string; number: string } }>(
    '/committees/:ref/meetings/:number',
    async (request, reply) => {
      const { ref, number } = request.params;
      if (!/^[1-9]\d{0,8}$/.test(number)) return reply.callNotFound();
      const meeting = await getMeeting(
        { db, rules },
        { viewer: viewerOf(request.user), committee: ref, number: Number(number) },
      );
      if (!meeting) return reply.callNotFound();
      const composable: readonly string[] = COMPOSABLE_PAPER_TYPES;
      const papers = meeting.papers.map((paper) => ({
        ...paper,
        links: composable.includes(paper.type) ? paperLinks(paper.reference) : [],
      }));
      const canCreatePaper = canCreatePapers(request.user);
      return sendHtml(
        reply,
        pages.render('meeting.njk', {
          meeting,
          papers,
          canCreatePaper,
          // outcomes and actions: White committee business, shown to everyone
          decided: await listMeetingOutcomes({ db, rules }, { committee: ref, meeting: meeting.number }),
        }),
      );
    },
  );

  // The agenda and the meeting pack, as the public may see them: composed at the lowest classification, so
  // anything classified above it is left out (the composer's notices name what, so they are not shown here).
  const publicClassification = rules.register.classifications[0]?.slug;
  app.get<{ Params: { ref: string; number: string; file: string } }>(
    '/committees/:ref/meetings/:number/:file',
    async (request, reply) => {
      const { ref, number, file } = request.params;
      const m = /^(agenda|pack)\.([a-z]+)$/.exec(file);
      if (!m?.[1] || !m[2] || !/^[1-9]\d{0,8}$/.test(number)) return reply.callNotFound();
      const format = formatOfExtension(m[2]);
      const input = { committee: ref, meeting: Number(number), classification: publicClassification };
      try {
        if (m[1] === 'agenda') {
          if (!format) return reply.callNotFound();
          const agenda = await composeAgenda({ db, rules }, input);
          const rendered = await renderPaperModel(agenda.paper, format);
          void reply
            .type(rendered.contentType)
            .header('content-disposition', `attachment; filename="${rendered.filename}"`);
          if (format === 'html')
            void reply.header('content-security-policy', standaloneHtmlPolicy(String(rendered.body)));
          return reply.send(rendered.body);
        }
        if (format !== 'pdf' && format !== 'docx') return reply.callNotFound();
        const pack = await buildMeetingPack({ db, rules }, { ...input, format });
        return reply
          .type(pack.contentType)
          .header('content-disposition', `attachment; filename="${pack.filename}"`)
          .send(pack.body);
      } catch (error) {
        if (error instanceof MeetingNotFoundError) return reply.callNotFound();
        throw error;
      }
    },
  );

  app.get<{ Params: { file: string } }>('/papers/:file', async (request, reply) => {
    const parsed = parsePaperPath(request.params.file);
    if (!parsed) return reply.callNotFound();
    const { reference, format } = parsed;

    if (format === null) {
      const rendered = await visiblePaper(request, reference, 'html-fragment');
      if (!rendered) return reply.callNotFound();
      const html = pages.render('paper.njk', {
        paper: rendered.paper,
        meeting: rendered.meeting,
        article: String(rendered.body),
        links: paperLinks(rendered.paper.reference).slice(1),
        // staff may ask the committee's members for their views by e-mail (view-request-pages.ts)
        canRequestViews: canCreatePapers(request.user),
      });
      return sendHtml(reply, html);
    }

    const rendered = await visiblePaper(request, reference, format);
    if (!rendered) return reply.callNotFound();
    void reply
      .type(rendered.contentType)
      .header('content-disposition', `attachment; filename="${rendered.filename}"`);
    if (format === 'html')
      void reply.header('content-security-policy', standaloneHtmlPolicy(String(rendered.body)));
    return reply.send(rendered.body);
  });
}
