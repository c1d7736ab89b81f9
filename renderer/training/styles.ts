/**
 * The training views' looks, as style objects (nothing fetched: works offline). The band is the
 * one thing that must never be missed: a striped amber bar that says TRAINING.
 */
import type { CSSProperties } from 'react';

const border = '1px solid var(--wl-border, #c9ced6)';

export const TRAINING_AMBER = '#f2b705';

export const t = {
  band: {
    position: 'sticky',
    top: 0,
    zIndex: 2000,
    display: 'flex',
    flexDirection: 'column',
    gap: 4,
    padding: '6px 16px',
    background: `repeating-linear-gradient(-45deg, ${TRAINING_AMBER}, ${TRAINING_AMBER} 14px, #ffd54a 14px, #ffd54a 28px)`,
    color: '#1d1a05',
    borderBottom: '3px solid #8a6500',
    font: '600 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  },
  bandLine: { display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' },
  bandActions: { display: 'flex', gap: 8, marginLeft: 'auto', flex: 'none' },
  // The question reads on a plain ground, not on the stripes.
  bandQuestion: {
    display: 'flex',
    alignItems: 'center',
    gap: 16,
    background: '#fff8dc',
    border: '1px solid #8a6500',
    borderRadius: 4,
    padding: '4px 8px',
    fontWeight: 400,
  },
  bandWord: { fontSize: 18, fontWeight: 800, letterSpacing: 4 },
  bandButton: {
    padding: '2px 10px',
    border: '1px solid #1d1a05',
    borderRadius: 4,
    background: '#fff8dc',
    font: 'inherit',
    cursor: 'pointer',
  },
  frame: { borderLeft: `6px solid ${TRAINING_AMBER}`, borderRight: `6px solid ${TRAINING_AMBER}`, minHeight: '100%' },
  page: {
    font: '14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    color: 'var(--wl-text, #1d2330)',
    padding: '16px 20px',
    maxWidth: 1100,
  },
  h1: { fontSize: 20, fontWeight: 600, margin: '0 0 4px' },
  h2: { fontSize: 14, fontWeight: 600, textTransform: 'uppercase', letterSpacing: 0.4, margin: '16px 0 8px' },
  muted: { color: 'var(--wl-muted, #5b6472)' },
  toolbar: { display: 'flex', gap: 8, alignItems: 'center', margin: '8px 0 12px', flexWrap: 'wrap' },
  button: {
    padding: '6px 14px',
    border,
    borderRadius: 4,
    background: 'var(--wl-surface, #fff)',
    font: 'inherit',
    cursor: 'pointer',
  },
  primary: {
    padding: '6px 14px',
    border: '1px solid #1d47a3',
    borderRadius: 4,
    background: 'var(--wl-accent, #2458c6)',
    color: 'var(--wl-on-accent, #fff)',
    font: 'inherit',
    fontWeight: 600,
    cursor: 'pointer',
  },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: 13 },
  th: { textAlign: 'left', borderBottom: border, padding: '4px 6px', fontWeight: 600 },
  td: { borderBottom: border, padding: '5px 6px', verticalAlign: 'top' },
  // An operator's row in the progress table, with their cases in the row under it.
  tdNoLine: { padding: '6px 6px 2px', verticalAlign: 'top' },
  subTable: { borderCollapse: 'collapse', fontSize: 12, margin: '0 0 4px 16px', minWidth: 560 },
  subTh: { textAlign: 'left', padding: '2px 10px 2px 0', fontWeight: 600, color: 'var(--wl-muted, #5b6472)' },
  subThNum: {
    textAlign: 'right',
    padding: '2px 10px 2px 0',
    fontWeight: 600,
    color: 'var(--wl-muted, #5b6472)',
  },
  subTd: { padding: '2px 10px 2px 0', verticalAlign: 'top' },
  subTdNum: { padding: '2px 10px 2px 0', verticalAlign: 'top', textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  row: (picked: boolean, flagged: boolean): CSSProperties => ({
    cursor: 'pointer',
    background: picked ? 'var(--wl-accent-soft, #dfe8fc)' : flagged ? 'var(--wl-danger-soft, #fdecec)' : undefined,
    outline: picked ? '2px solid var(--wl-accent, #2458c6)' : undefined,
  }),
  chip: (tone: 'row' | 'error' | 'warning' | 'ok'): CSSProperties => ({
    display: 'inline-block',
    padding: '0 6px',
    margin: '1px 4px 1px 0',
    borderRadius: 10,
    fontSize: 12,
    whiteSpace: 'nowrap',
    background: { row: '#eef1f6', error: '#fbd9d9', warning: '#fdf0cf', ok: '#dcf1e3' }[tone],
    // Pastel in both themes, so the text stays dark on it.
    color: '#1d2330',
  }),
  section: { border, borderRadius: 6, padding: 12, margin: '12px 0' },
  question: { fontSize: 15, margin: '4px 0 12px' },
  label: { display: 'block', fontWeight: 600, margin: '8px 0 4px' },
  // The app's stylesheet lays labels out as columns (field under caption); a choice reads in a row.
  choice: {
    display: 'flex',
    flexDirection: 'row',
    alignItems: 'center',
    gap: 8,
    margin: '4px 0',
    cursor: 'pointer',
    fontSize: 14,
    color: 'var(--wl-text, #1d2330)',
  },
  radio: { width: 'auto', margin: 0, flex: 'none' },
  textarea: { width: '100%', minHeight: 56, font: 'inherit', padding: 6, boxSizing: 'border-box' },
  select: { font: 'inherit', padding: 4 },
  error: { color: 'var(--wl-danger, #a4161a)' },
  ok: { color: 'var(--wl-ok, #1b6e3a)' },
  score: (passed: boolean): CSSProperties => ({
    fontSize: 28,
    fontWeight: 700,
    color: passed ? 'var(--wl-ok, #1b6e3a)' : 'var(--wl-danger, #a4161a)',
  }),
  explanation: {
    border: '1px solid #9db4e8',
    background: '#eef3fd',
    borderRadius: 6,
    padding: '10px 14px',
    margin: '12px 0',
    fontSize: 15,
  },
} satisfies Record<string, CSSProperties | ((...args: never[]) => CSSProperties)>;
