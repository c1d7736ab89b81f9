/** The one correction form of the window, bound to `window.ledger`. */
import { useStore } from 'zustand';
import { createCorrectionForm, type CorrectionFormActions, type CorrectionFormState } from './formModel';
import { windowLedger } from './ledger';

export const correctionForm = createCorrectionForm(windowLedger);

export function useCorrectionFormModel<T>(selector: (s: CorrectionFormState & CorrectionFormActions) => T): T {
  return useStore(correctionForm, selector);
}
