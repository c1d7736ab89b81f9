/** The order page's incident report: made in the worker (the whole chain verified), saved as a download. */
import { useState } from 'react';
import { ledger, messageOf } from '../app/ledger';
import { useSession } from '../app/session';
import { toast } from '../app/toasts';
import { saveDownload } from './download';

export function ReportButton({ orderId }: { orderId: string }) {
  const [busy, setBusy] = useState(false);
  // A practice order is not a real incident: no report for corporate from training.
  const practising = useSession((s) => !!s.session?.practice || !!s.session?.training);
  if (practising) return null;
  return (
    <button
      className="btn"
      disabled={busy}
      aria-busy={busy}
      title="A PDF for corporate: the timeline, the flags and corrections, every hash, the chain's verification and the export that anchors it"
      onClick={() => {
        setBusy(true);
        ledger()
          .incidentReport({ orderId })
          .then(
            (file) => {
              saveDownload(file.fileName, file.pdfBase64, 'application/pdf');
              toast(
                file.chainOk ? 'info' : 'error',
                `Incident report ${file.fileName}: chain ${file.chainOk ? 'verified' : 'BROKEN'}, ${file.anchored ? 'anchored by an export' : 'not yet exported'}.`,
              );
            },
            (e: unknown) => toast('error', messageOf(e)),
          )
          .finally(() => setBusy(false));
      }}
    >
      {busy ? 'Making the report…' : 'Incident report (PDF)'}
    </button>
  );
}
