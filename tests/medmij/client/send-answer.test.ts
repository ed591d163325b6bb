/** Reading a provider's answer to a send, per item: only what the provider accepted counts as sent. */
import { describe, expect, it } from 'vitest';
import { cleanProviderText, interpretAnswer } from '../../../src-main/medmij/client/send-answer';
import type { BuiltItem } from '../../../src-main/medmij/client/send-types';

const item = (fullUrl: string, detail: string): BuiltItem => ({
  kind: 'measurement',
  label: { nl: 'Gewicht', en: 'Weight' },
  detail,
  date: null,
  recordId: null,
  fullUrl,
});
const items = [item('urn:uuid:1', 'patient'), item('urn:uuid:2', '80 kg'), item('urn:uuid:3', '81 kg')];
const urls = ['urn:uuid:1', 'urn:uuid:2', 'urn:uuid:3'];
const refusedEntry = { response: { status: '422 Unprocessable Entity', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', details: { text: 'Onbekend profiel.' } }] } } };

describe('interpretAnswer', () => {
  it('a batch-response with one refused entry: partly accepted, with the provider\'s words on that item', () => {
    const { answer, items: results } = interpretAnswer(
      { kind: 'response', status: 200, body: { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '201 Created' } }, { response: { status: '201' } }, refusedEntry] } },
      items,
      urls,
    );
    expect(answer.outcome).toBe('partly-accepted');
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'refused']);
    expect(results[2]!.reason?.nl).toBe('De zorgaanbieder: Onbekend profiel.');
    expect(answer.providerSaid).toEqual(['Onbekend profiel.']);
  });

  it('a 2xx without an answer per entry to a Bundle: nothing is marked accepted', () => {
    const { answer, items: results } = interpretAnswer({ kind: 'response', status: 200, body: { resourceType: 'Bundle', type: 'batch-response', entry: [] } }, items, urls);
    expect(answer.outcome).toBe('unknown');
    expect(results.every((r) => r.status === 'unknown')).toBe(true);
  });

  it('an error status refuses every item; no answer at all is unknown', () => {
    const refused = interpretAnswer({ kind: 'response', status: 500, body: null }, items, urls);
    expect(refused.answer).toMatchObject({ outcome: 'refused', httpStatus: 500 });
    expect(refused.answer.message.nl).toContain('storing (HTTP 500)');
    expect(interpretAnswer({ kind: 'no-answer' }, items, urls).items.every((r) => r.status === 'unknown')).toBe(true);
  });

  it('a single resource written (no Bundle): the HTTP status decides', () => {
    const single = [{ ...item('urn:uuid:9', 'taak'), fullUrl: null }];
    expect(interpretAnswer({ kind: 'response', status: 200, body: { resourceType: 'Task' } }, single, []).answer.outcome).toBe('accepted');
  });

  it('shows provider text as plain text: control and bidi characters go, long text is cut', () => {
    expect(cleanProviderText('Fout\u202e\u0007 in\nregel')).toBe('Fout in regel');
    expect(cleanProviderText('x'.repeat(400))!.length).toBe(298);
    expect(cleanProviderText(42)).toBeNull();
  });
});
