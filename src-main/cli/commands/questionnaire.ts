/**
 * `regie questionnaire list | show ID | answer ID --answers FILE.json [--yes]`: the questionnaires
 * care providers asked the person to fill in (fetched with `regie fetch --service 59`), the questions
 * of one (with the codes to answer them by), and answering one from a file. The answers are checked
 * against the questionnaire first (what needs fixing is listed and nothing is sent); then, exactly as
 * `regie send` does, what will be sent is shown and sent only on --yes (or "j" at a terminal), after
 * the login at the provider, with data service 60. Exit 0 only when the provider accepted the answers.
 *
 * The answers file (JSON): an object, linkId → the answer, or a list of answers for a question that
 * repeats. Yes/no: true/false or "ja"/"nee". Numbers: 72.5 or "72,5" (in the question's unit).
 * Dates "2025-02-03" (or "03-02-2025"), date-times "2026-12-02T10:00" (this computer's time) or with
 * an offset, times "14:30". A choice: the option's code (see `questionnaire show`), its words, or
 * {"code": "…", "system": "…"}; an open choice also takes any other text (or {"other": "…"}).
 * Questions that do not apply given the other answers (enableWhen) are not sent.
 */
import { readFileSync, statSync } from 'node:fs';
import type { QuestionItem } from '../../../src-preload/contract/questionnaire-form';
import type { QuestionnaireDetail, QuestionnaireSummary } from '../../../src-preload/contract/questionnaires';
import { call, type CliContext } from '../context';
import { CliReported, CliUsageError } from '../output';
import { openProfile } from './open-profile';
import { askToSend, previewText, resultText, sendAndWait } from './send';

export interface QuestionnaireOptions {
  answers?: string;
  yes?: boolean;
  profile?: string;
}

const maxAnswersBytes = 512 * 1024;

export async function questionnaireCommand(ctx: CliContext, sub: string | undefined, args: string[], options: QuestionnaireOptions): Promise<number> {
  switch (sub) {
    case 'list':
      if (args.length > 0) throw new CliUsageError("too many arguments for 'questionnaire list'");
      return list(ctx, options.profile);
    case 'show':
      if (args.length !== 1) throw new CliUsageError('questionnaire show needs one ID (see regie questionnaire list)');
      return show(ctx, args[0]!, options.profile);
    case 'answer':
      if (args.length !== 1) throw new CliUsageError('questionnaire answer needs one ID (see regie questionnaire list)');
      return answer(ctx, args[0]!, options);
    default:
      throw new CliUsageError(`unknown questionnaire command '${sub ?? ''}' (list, show, answer)`);
  }
}

const statusWords = {
  nl: { open: 'nog in te vullen', draft: 'deels ingevuld', sent: 'verstuurd', closed: 'niet meer nodig' },
  en: { open: 'to fill in', draft: 'partly filled in', sent: 'sent', closed: 'no longer needed' },
} as const;

async function list(ctx: CliContext, profileRef?: string): Promise<number> {
  const profile = await openProfile(ctx, profileRef);
  const all = await call(ctx, 'questionnaires.list', { profileId: profile.id });
  const lang = ctx.out.language;
  const line = (q: QuestionnaireSummary) =>
    `${q.id}  ${statusWords[lang][q.status]}  ${q.title} — ${q.providerName}${q.dueDate && q.status !== 'sent' ? ` (${lang === 'nl' ? 'vóór' : 'before'} ${q.dueDate})` : ''}`;
  ctx.out.result(all, all.length === 0 ? (lang === 'nl' ? 'Geen vragenlijsten. Haal ze op met: regie fetch --provider NAAM --service 59' : 'No questionnaires. Fetch them with: regie fetch --provider NAME --service 59') : all.map(line).join('\n'));
  return 0;
}

async function show(ctx: CliContext, id: string, profileRef?: string): Promise<number> {
  const profile = await openProfile(ctx, profileRef);
  const detail = await call(ctx, 'questionnaires.get', { profileId: profile.id, questionnaireId: id, language: ctx.out.language });
  ctx.out.result(detail, showText(detail, ctx.out.language));
  return 0;
}

function showText(detail: QuestionnaireDetail, lang: 'nl' | 'en'): string {
  const lines = [`${detail.title} — ${detail.providerName} (${statusWords[lang][detail.status]})`];
  if (detail.request) lines.push(detail.request);
  if (detail.sent) {
    lines.push('', `${lang === 'nl' ? 'Verstuurd op' : 'Sent on'} ${detail.sent.sentAt}:`);
    for (const row of detail.sent.answers) lines.push(`  ${row.question}: ${row.answer}`);
    if (detail.sent.reason) lines.push(`  ${detail.sent.reason[lang]}`);
  }
  if (!detail.form) {
    lines.push(lang === 'nl' ? 'De vragenlijst zelf staat niet in het profiel; haal hem opnieuw op.' : 'The questionnaire itself is not in the profile; fetch it again.');
    return lines.join('\n');
  }
  lines.push('', lang === 'nl' ? 'Vragen (linkId, soort antwoord):' : 'Questions (linkId, kind of answer):');
  const walk = (items: readonly QuestionItem[], depth: number) => {
    for (const item of items) {
      const pad = '  '.repeat(depth + 1);
      const text = [item.prefix, item.text].filter(Boolean).join(' ');
      if (item.type === 'display') {
        lines.push(`${pad}${text}`);
      } else if (item.type === 'group') {
        lines.push(`${pad}[${item.linkId}] ${text}`);
      } else {
        const notes = [
          item.type + (item.repeats ? (lang === 'nl' ? ', meer antwoorden mogelijk' : ', more answers allowed') : ''),
          item.required ? (lang === 'nl' ? 'verplicht' : 'required') : null,
          item.unit ? item.unit.label : null,
          item.minValue !== null || item.maxValue !== null ? `${item.minValue ?? ''}..${item.maxValue ?? ''}` : null,
          item.maxLength !== null ? `max ${item.maxLength}` : null,
          item.enableWhen.length > 0 ? `${lang === 'nl' ? 'alleen als' : 'only if'} ${item.enableWhen.map((c) => `${c.question} ${c.operator} ${conditionWords(c.answer)}`).join(item.enableBehavior === 'any' ? ' of ' : ' en ')}` : null,
          item.unsupported ? (lang === 'nl' ? 'kan niet in Regie' : 'not possible in Regie') : null,
        ].filter(Boolean);
        lines.push(`${pad}${item.linkId}: ${text} (${notes.join('; ')})`);
        for (const option of item.options) lines.push(`${pad}    "${option.key}" = ${option.label}`);
      }
      walk(item.items, depth + 1);
    }
  };
  walk(detail.form.items, 0);
  if (detail.draft) lines.push('', `${lang === 'nl' ? 'Concept' : 'Draft'}: ${JSON.stringify(detail.draft)}`);
  return lines.join('\n');
}

function conditionWords(answer: QuestionItem['enableWhen'][number]['answer']): string {
  if (answer.kind === 'coding') return `"${answer.coding.code ?? answer.coding.display ?? ''}"`;
  return JSON.stringify(answer.value);
}

async function answer(ctx: CliContext, id: string, options: QuestionnaireOptions): Promise<number> {
  if (!options.answers) throw new CliUsageError('questionnaire answer needs --answers FILE.json (linkId → answer; see regie --help)');
  const answers = readAnswers(options.answers);
  const profile = await openProfile(ctx, options.profile);
  const lang = ctx.out.language;
  const detail = await call(ctx, 'questionnaires.get', { profileId: profile.id, questionnaireId: id, language: lang });
  if (!detail.providerId) throw new CliUsageError(lang === 'nl' ? 'deze vragenlijst kwam niet van een zorgaanbieder; er is niemand om hem naar te sturen' : 'this questionnaire did not come from a care provider; there is no one to send it to');
  const check = await call(ctx, 'questionnaires.check', { profileId: profile.id, questionnaireId: id, answers, language: lang });
  if (check.problems.length > 0) {
    const text = [
      lang === 'nl' ? 'Deze antwoorden moeten nog worden verbeterd; er is niets verstuurd:' : 'These answers still need to be corrected; nothing was sent:',
      ...check.problems.map((p) => `  ${p.linkId}: ${p.question ? `${p.question} — ` : ''}${p.message}`),
    ].join('\n');
    ctx.out.result({ sent: false, problems: check.problems }, text);
    throw new CliReported(lang === 'nl' ? `${check.problems.length} antwoord(en) te verbeteren` : `${check.problems.length} answer(s) to correct`);
  }
  const preview = await call(ctx, 'sharing.prepare', {
    profileId: profile.id, providerId: detail.providerId, serviceId: '60', selection: { kind: 'questionnaire', questionnaireId: id, answers },
  });
  const confirmed = options.yes === true || (ctx.interactive && !ctx.out.json && (await askToSend(preview, lang)));
  if (!confirmed) {
    ctx.out.result({ sent: false, preview }, previewText(preview, lang));
    throw new CliReported(lang === 'nl' ? 'er is niets verstuurd; geef --yes om te versturen' : 'nothing was sent; add --yes to send');
  }
  if (!ctx.out.json && !ctx.interactive) process.stderr.write(`${previewText(preview, lang)}\n`);
  const result = await sendAndWait(ctx, preview.sendId);
  ctx.out.result({ sent: result.stage === 'done' && result.answer?.outcome === 'accepted', preview, result }, resultText(result, lang));
  if (result.stage !== 'done') throw new CliReported(result.error?.[lang] ?? result.stage);
  if (result.answer?.outcome !== 'accepted') throw new CliReported(result.answer?.message[lang] ?? 'not accepted');
  return 0;
}

/** The answers file: a JSON object of linkId → answer(s), at most 512 KB. */
function readAnswers(path: string): Record<string, unknown> {
  let text: string;
  try {
    if (statSync(path).size > maxAnswersBytes) throw new CliUsageError(`'${path}' is larger than 512 KB`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`cannot read '${path}'`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`'${path}' is not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : ''})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliUsageError(`'${path}' must hold a JSON object: {"linkId": answer, …}`);
  }
  return parsed as Record<string, unknown>;
}
