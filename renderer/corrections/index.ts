export { openCorrection, useCorrectionForm, type CorrectionTarget } from './store';
export { CorrectionDialog } from './CorrectionDialog';
export { CorrectionMarker, type CorrectionMarkerProps } from './CorrectionMarker';
export { CorrectionsLogPage } from './CorrectionsLogPage';
