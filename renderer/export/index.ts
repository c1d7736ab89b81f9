export { ExportPage, ExportView } from './ExportPage';
export { createExportStore, exportStore, type ExportState, type ExportLedger } from './store';
export { subscribeExportNotices } from './notices';
