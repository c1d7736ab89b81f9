export { openCorrection, useCorrectionForm, type CorrectionTarget } from './store';
