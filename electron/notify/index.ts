/**
 * Desktop notifications of new error anomalies, shown by the main process (the page has no
 * notification permission). At most one every few seconds: an import of a bad file raises many.
 */
import { Notification } from 'electron';
import { errorNotice, type NewErrors } from './errorNotice';

const QUIET_MS = 5000;

export function createErrorNotifier(onClick: () => void): (payload: NewErrors) => void {
  let last = 0;
  let pending = 0;
  return (payload) => {
    pending += payload.count;
    const now = Date.now();
    if (now - last < QUIET_MS || !Notification.isSupported()) return;
    const notice = errorNotice({ ...payload, count: pending });
    pending = 0;
    last = now;
    if (!notice) return;
    const n = new Notification({ title: notice.title, body: notice.body });
    n.on('click', onClick);
    n.show();
  };
}

export { errorNotice } from './errorNotice';
