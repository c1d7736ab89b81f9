/**
 * The form's markup for a loaded state (rendered to a string: no DOM needed). Interaction is
 * covered end to end in Chromium; here, what each operator is shown.
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { CorrectionFormView } from '../../renderer/corrections/CorrectionDialog';
import { CorrectionMarker } from '../../renderer/corrections/CorrectionMarker';
import { createCorrectionForm } from '../../renderer/corrections/formModel';
import { correctionChains } from '../../shared/corrections';
import { fakeLedger } from './fakeLedger';
import { missingPackage } from './history';

async function markup(
  role: 'Supervisor' | 'Clerk',
  step: 'edit' | 'preview',
  practising = false,
  seq: number | null = 8,
) {
  const ledger = fakeLedger(missingPackage(), { id: 'op', name: 'Op Erator', role }, { practising });
  const form = createCorrectionForm(() => ledger.api);
  await form.getState().load({ orderId: '1345693', ...(seq === null ? {} : { seq }) });
  if (step === 'preview') {
    form.getState().setReason('Found physically at packing bench 3');
    form.getState().toPreview();
  }
  return renderToStaticMarkup(<CorrectionFormView state={form.getState()} onClose={() => {}} />);
}

describe('the correction form', () => {
  it('shows the order, the flagged event and what was wrong, with Packed offered and checked', async () => {
    const html = await markup('Supervisor', 'edit');
    expect(html).toContain('Correct the status of order 1345693');
    expect(html).toContain('Hillside Dental');
    expect(html).toContain('GLV-200');
    expect(html).toContain('Event #8');
    expect(html).toContain('Packed → PendingPicking is not an allowed change');
    expect(html).toMatch(/<input type="radio"[^>]*checked=""[^>]*value="Packed"/);
    expect(html).toContain('Found physically at …');
    expect(html).not.toContain('data-testid="correction-unavailable"');
  });

  it('previews the exact event before anything is written', async () => {
    const html = await markup('Supervisor', 'preview');
    expect(html).toContain('Preview — nothing is written until you confirm');
    expect(html).toContain('PendingPicking → Packed');
    expect(html).toContain('Illegal status change</strong> on event #8');
    expect(html).toContain('&quot;type&quot;: &quot;StatusCorrected&quot;');
    expect(html).toMatch(/<button[^>]*data-testid="correction-confirm"[^>]*>Confirm correction/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="correction-confirm"/);
  });

  it('shows a Clerk the same screens with Confirm explained as unavailable', async () => {
    const html = await markup('Clerk', 'preview');
    expect(html).toContain('Preview — nothing is written until you confirm');
    expect(html).toContain('Only a Supervisor may correct a status or dismiss a flag.');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="correction-confirm"/);
  });

  it('lets a Clerk who practises confirm: the answer goes to the training journal', async () => {
    const html = await markup('Clerk', 'preview', true);
    expect(html).toContain('Training journal');
    expect(html).not.toContain('Only a Supervisor');
    expect(html).not.toContain('data-testid="correction-unavailable"');
    expect(html).toMatch(/<button[^>]*data-testid="correction-confirm"[^>]*>Confirm correction/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="correction-confirm"/);
  });

  it('in practice, opened on the order, offers to open it from the flagged event instead', async () => {
    const html = await markup('Clerk', 'edit', true, null);
    expect(html).toContain('data-testid="correction-name-event"');
    expect(html).toContain('Event #8 (StatusChanged)');
    expect(await markup('Clerk', 'edit', true, 8)).not.toContain('correction-name-event');
    expect(await markup('Supervisor', 'edit', false, null)).not.toContain('correction-name-event');
  });
});

describe('the reason asks what each office event must say', () => {
  it('a dismissal asks why the flag is a false alarm; a correction what was found', async () => {
    const ledger = fakeLedger(missingPackage(), { id: 'op', name: 'Op Erator', role: 'Supervisor' });
    const form = createCorrectionForm(() => ledger.api);
    await form.getState().load({ orderId: '1345693', seq: 8, mode: 'dismiss' });
    const html = renderToStaticMarkup(<CorrectionFormView state={form.getState()} onClose={() => {}} />);
    expect(html).toContain('Reason (required): why is this flag a false alarm?');
    expect(await markup('Supervisor', 'edit')).toContain('Reason (required): what did you find, and where?');
  });
});

describe('no correction needed', () => {
  it('says so for a set-back the floor has walked again since, and offers the dismissal instead', async () => {
    const book = missingPackage().to('Picking', 'Picker').to('Picked', 'Picker').to('Packed', 'Packer');
    const ledger = fakeLedger(book, { id: 'op', name: 'Op Erator', role: 'Supervisor' });
    const form = createCorrectionForm(() => ledger.api);
    await form.getState().load({ orderId: '1345693', seq: 8 });
    const html = renderToStaticMarkup(<CorrectionFormView state={form.getState()} onClose={() => {}} />);
    expect(html).toContain('data-testid="no-correction-needed"');
    expect(html).toContain('would be Packed now, which it already is');
    expect(html).toContain('Dismiss the flag instead');
    // Nothing is marked "suggested"; the status it has is what stays preselected.
    expect(html).not.toContain('· suggested');
    expect(html).toMatch(/<input type="radio"[^>]*checked=""[^>]*value="Packed"/);
    expect(await markup('Supervisor', 'edit')).not.toContain('no-correction-needed');
  });
});

describe('the correction marker', () => {
  it('shows the chain on both ends', () => {
    const chains = correctionChains(
      missingPackage()
        .corrected('Shipped', 'Found physically at the dock', '1345693-08')
        .corrected('Packed', 'Entered in error by Mark', '1345693-09')
        .history(),
    );
    expect(renderToStaticMarkup(<CorrectionMarker eventId="1345693-08" chains={chains} />)).toContain(
      'corrected by #9',
    );
    const middle = renderToStaticMarkup(<CorrectionMarker eventId="1345693-09" chains={chains} />);
    expect(middle).toContain('corrects #8');
    expect(middle).toContain('corrected by #10');
    expect(renderToStaticMarkup(<CorrectionMarker eventId="1345693-03" chains={chains} />)).toBe('');
  });
});
