/** Time and people in the app: the as-of picker and past banner, the report button, Handover and People. */
export { AsOfPicker } from './AsOfPicker';
export { PastBanner } from './PastBanner';
export { ReportButton } from './ReportButton';
export { HandoverPage } from './HandoverPage';
export { PeoplePage } from './PeoplePage';
export { SinceNotice } from './SinceNotice';
export { useAsOf, asOfSeq } from './asOf';

/** The pages that show the journal as it stood when a past point is picked (and say so). */
export const AS_OF_PAGES: ReadonlySet<string> = new Set(['order', 'orders', 'inbox']);
