/**
 * The state machine drawn: statuses as boxes, allowed changes as arrows with the roles on each,
 * laid out by elkjs. With the transition table under it, this is the printable handbook page.
 */
import { useEffect, useMemo, useState } from 'react';
import { diagramModel, type DiagramModel } from '../../shared/rules/diagram';
import { layoutDiagram, type DiagramLayout, type Point } from '../../shared/rules/diagramLayout';
import type { RuleSet } from '../../shared/rules/ruleSet';
import { formatCount } from '../ui/format';

const MARGIN = 16;

/**
 * An SVG path through the routed points: elkjs routes the arrows orthogonally, so the start,
 * the bends and the end joined by straight lines are the arrow.
 */
export function pathOf(points: readonly Point[]): string {
  const at = (p: Point) => `${(p.x + MARGIN).toFixed(1)},${(p.y + MARGIN).toFixed(1)}`;
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${at(p)}`).join(' ');
}

/** One arrowhead per kind of arrow, so each head has its arrow's colour (set in rules.css). */
const ARROWS = ['plain', 'release', 'restricted'] as const;
const arrowOf = (e: { release: boolean; roles: readonly string[] | null }) =>
  e.release ? 'release' : e.roles !== null ? 'restricted' : 'plain';

export function DiagramView({ ruleSet, hash }: { ruleSet: RuleSet; hash?: string | undefined }) {
  const model = useMemo(() => diagramModel(ruleSet), [ruleSet]);
  const [layout, setLayout] = useState<DiagramLayout | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLayout(null);
    layoutDiagram(model).then(
      (l) => live && setLayout(l),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [model]);

  const final = new Set(ruleSet.final);
  return (
    <section className="rules-diagram rules-printable" aria-label={`State machine of ${ruleSet.name}`}>
      <h2>
        {ruleSet.name}{' '}
        <span className="rules-muted">
          ({ruleSet.id}@{ruleSet.version})
        </span>
      </h2>
      <p className="rules-muted">
        Start: {ruleSet.initial}. Final: {ruleSet.final.join(', ')}. Items are picked in{' '}
        {ruleSet.pickableIn.join(' or ')} (marked •). Dashed arrows: release from {ruleSet.hold}, back to the status the
        order had when it was put on hold.
        {hash ? ` Fingerprint ${hash.slice(0, 16)}…` : ''}
      </p>
      {error && <div className="rules-banner error">The diagram could not be laid out: {error}</div>}
      {!layout && !error && <p className="rules-muted">Laying out the diagram…</p>}
      {layout && <DiagramSvg model={model} layout={layout} />}
      <h3>Allowed changes</h3>
      <table className="rules-table" data-testid="rules-transition-table">
        <thead>
          <tr>
            <th>From</th>
            <th>To</th>
            <th>Who may</th>
          </tr>
        </thead>
        <tbody>
          {model.edges.map((e) => (
            <tr key={e.id}>
              <td>{e.from}</td>
              <td>
                {e.to}
                {e.release ? <span className="rules-muted"> (release: only if held from {e.to})</span> : null}
                {final.has(e.to) ? <span className="rules-muted"> (final)</span> : null}
              </td>
              <td>{e.rolesLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="rules-muted">
        Everything not listed is flagged as an illegal change; a change listed for some roles is flagged as not
        permitted for the others.
      </p>
    </section>
  );
}

/** The laid-out diagram as SVG (pure: also rendered to static markup for the printed page and tests). */
export function DiagramSvg({ model, layout }: { model: DiagramModel; layout: DiagramLayout }) {
  return (
    <svg
      role="img"
      aria-label={`${formatCount(model.nodes.length)} statuses and ${formatCount(model.edges.length)} allowed changes`}
      viewBox={`0 0 ${layout.width + 2 * MARGIN} ${layout.height + 2 * MARGIN}`}
      width={layout.width + 2 * MARGIN}
      data-testid="rules-diagram"
    >
      <defs>
        {ARROWS.map((kind) => (
          <marker
            key={kind}
            id={`rules-arrow-${kind}`}
            className={`rules-arrow ${kind}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        ))}
      </defs>
      {/* The boxes behind the labels are drawn after every arrow, so no arrow runs over a label. */}
      {layout.edges.map((e) => (
        <g key={e.id} className={`edge ${arrowOf(e)}`} data-edge={e.id}>
          <path d={pathOf(e.points)} markerEnd={`url(#rules-arrow-${arrowOf(e)})`} />
          <title>{`${e.from} → ${e.to}: ${e.label}`}</title>
        </g>
      ))}
      {layout.edges.map((e) =>
        e.labelShown ? (
          <g key={e.id} className={`edge-label ${arrowOf(e)}`} data-label-of={e.id}>
            <rect
              x={e.labelAt.x + MARGIN - 2}
              y={e.labelAt.y + MARGIN - 1}
              width={e.labelAt.width + 4}
              height={e.labelAt.height}
              rx={3}
            />
            <text x={e.labelAt.x + MARGIN} y={e.labelAt.y + MARGIN + e.labelAt.height - 4}>
              {e.label}
            </text>
          </g>
        ) : null,
      )}
      {layout.nodes.map((n) => (
        <g key={n.id} className={`node ${n.kind}`} data-status={n.id}>
          <rect x={n.x + MARGIN} y={n.y + MARGIN} width={n.width} height={n.height} rx={n.kind === 'final' ? 4 : 16} />
          <text x={n.x + MARGIN + n.width / 2} y={n.y + MARGIN + n.height / 2 + 4} textAnchor="middle">
            {n.label}
            {n.pickable ? ' •' : ''}
          </text>
        </g>
      ))}
    </svg>
  );
}
