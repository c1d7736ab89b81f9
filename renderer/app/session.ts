/** Who is signed in to which journal; everything else waits for this. */
import { create } from 'zustand';
import type { ResponseOf } from '../../shared/contract/channels';
import { ledger, messageOf } from './ledger';

export type Session = ResponseOf<'session'>;

interface SessionState {
  session: Session | null;
  loading: boolean;
  error: string | null;
  /** Sign-ins made in this window (a new one remounts the page it shows). */
  signIns: number;
  refresh(): Promise<void>;
  signIn(operatorId: string, password: string): Promise<boolean>;
  createFirstSupervisor(id: string, name: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
}

/** The window's first session check, made once (see readSessionEarly). */
let firstRead: Promise<void> | null = null;

/**
 * The window's first session check: asked for at start-up (renderer/boot.ts, before the rest of
 * the renderer is evaluated), and the same read when the shell mounts, rather than a second one.
 * Later checks are `refresh`.
 *
 * `alongside` is what start-up asked for beside it (the journal's newest rows): the answer is
 * shown once that has settled too, so the shell's first render has those rows already instead
 * of a second render for them a frame later (both come from the same worker, one after the other).
 */
export function readSessionEarly(alongside?: Promise<void>): Promise<void> {
  firstRead ??= (async () => {
    try {
      const [session] = await Promise.all([ledger().session({}), alongside]);
      useSession.setState({ session, loading: false, error: null });
    } catch (e) {
      useSession.setState({ loading: false, error: messageOf(e) });
    }
  })();
  return firstRead;
}

export const useSession = create<SessionState>((set, get) => ({
  session: null,
  loading: true,
  error: null,
  signIns: 0,
  refresh: async () => {
    try {
      set({ session: await ledger().session({}), loading: false, error: null });
    } catch (e) {
      set({ loading: false, error: messageOf(e) });
    }
  },
  signIn: async (operatorId, password) => {
    try {
      await ledger().signIn({ operatorId, password });
      set({ error: null, signIns: get().signIns + 1 });
      await get().refresh();
      return true;
    } catch (e) {
      set({ error: messageOf(e) });
      return false;
    }
  },
  createFirstSupervisor: async (id, name, password) => {
    try {
      await ledger().createFirstSupervisor({ id, name, password });
      await ledger().signIn({ operatorId: id, password });
      set({ error: null });
      await get().refresh();
      return true;
    } catch (e) {
      set({ error: messageOf(e) });
      return false;
    }
  },
  signOut: async () => {
    try {
      await ledger().signOut({});
    } finally {
      await get().refresh();
    }
  },
}));
